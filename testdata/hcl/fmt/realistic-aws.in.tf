  terraform {
   required_version  =  ">= 1.5.0"

     required_providers {
      aws  =  {
source  = "hashicorp/aws"
    version = "~> 5.0"
}
}

   backend"s3"  {
  bucket = "my-state"
     key ="prod/terraform.tfstate"
 region= "us-east-1"
      }
}

 provider "aws"{
      region  = var.region

default_tags{
 tags  =  local.common_tags
  }
 }

 provider  "aws"{
 alias="west"
   region ="us-west-2"
    }

variable"region" {
     type =string
    default  =  "us-east-1"
  description  = "The AWS region."
    }

 variable  "subnets"  {
    type =  map(object({
cidr =string
    public =optional(bool,false)
     }))
     default ={}

     validation  {
     condition =  alltrue([for  s   in   values(var.subnets)  : can(cidrhost(s.cidr,  0))])
     error_message  =  "Every subnet needs a valid CIDR."
}
      }

  variable  "secret"  {
type= string
 sensitive = true
   nullable = false
  }

 locals{
common_tags={
     Project =  "demo"
    Environment=terraform.workspace
  }
name_prefix=  "${var.region}-demo"
   }

   data"aws_ami""ubuntu"  {
 most_recent =true
   owners  =  ["099720109477"]

      filter {
  name =  "name"
    values =["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
    }
    }

  resource "aws_vpc" "main"{
cidr_block =  "10.0.0.0/16"
enable_dns_hostnames = true

tags  =merge(local.common_tags, {  Name=  "${local.name_prefix}-vpc"  })
     }

      resource  "aws_subnet""this"  {
 for_each=  var.subnets

     vpc_id=  aws_vpc.main.id
     cidr_block =each .value.cidr
    map_public_ip_on_launch  = each.value.public

   tags={
  Name =each.key
}
}

resource  "aws_security_group"  "web" {
      name= "web"
 vpc_id =  aws_vpc.main.id

  dynamic  "ingress" {
      for_each  = [80, 443]
iterator  =port
     content  {
 from_port = port.value
      to_port=port.value
   protocol  = "tcp"
cidr_blocks  = ["0.0.0.0/0"]
   }
}

egress{
   from_port = 0
  to_port= 0
 protocol="-1"
   cidr_blocks= ["0.0.0.0/0"]
  }
}

resource"aws_instance"  "web"{
     count =  var.region =="us-east-1"  ? 2 : 1

    ami  = data.aws_ami.ubuntu.id
    instance_type = "t3.micro"
     subnet_id =values(aws_subnet.this)[0].id
vpc_security_group_ids  =  [aws_security_group. web.id]

  user_data =<<-EOT
    #!/bin/bash
    echo "instance ${count.index}" > /etc/motd
  EOT

lifecycle{
   create_before_destroy =  true
  ignore_changes  =[tags,user_data]
   precondition{
condition  =var.region !=""
      error_message ="Region must be set."
      }
     }

    depends_on =  [aws_security_group.web]
}

resource"aws_s3_bucket""logs" {
     provider =aws.west
    bucket  ="logs-${random_id.suffix.hex}"
   }

     resource"random_id""suffix"{
  byte_length =4
      }

     module "network"  {
   source =  "terraform-aws-modules/vpc/aws"
 version  =  "5.1.0"

      name =  "net"
  cidr="10.1.0.0/16"
     azs=["us-east-1a", "us-east-1b"]

providers  = {
     aws  = aws.west
      }
     }

output"instance_ips"  {
 value  = aws_instance.web[*].private_ip
      description="Private IPs."
    }

 output "secret"{
      value  =  var.secret
   sensitive  = true
      }

moved {
      from=aws_instance.old
to=aws_instance.web
   }

import  {
     to  =aws_s3_bucket.logs
id= "logs-bucket"
     }

    check  "health" {
 assert {
     condition=  length(aws_instance.web)  >0
     error_message  ="No instances."
}
      }
