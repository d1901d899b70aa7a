# Replace with your own address: curl -s https://checkip.amazonaws.com
my_ip_cidr = "203.0.113.10/32"
