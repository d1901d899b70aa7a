resource aws_instance "web" {
ami="abc"
    instance_type   =   "t2.micro" # the type
  tags = {
  Name="x"
      LongerName = "${var.y}"
  }
count=-1+2
x = [1,2,3]
y = a ? b:c
z = f( 1 , 2 )
w = "${ upper( "a" ) }"
dyn = "%{ if a }b%{ endif }"
neg = a - -1
  ebs {  
    size = 1   # one
    type_long = "gp2" // two
  }


  user_data = <<-EOT
     keep   this
  EOT
}
variable "v" {
  type = "string"
}
variable "l" {
  type = list
}
