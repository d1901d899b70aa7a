  tuple_for =  [for   x   in  var.list  :upper(x)]
tuple_if=[for x   in  var.list: x if  x!= ""]
tuple_kv= [for   i, x  in var.list:  "${i}:${x}"]
 object_for  ={for k, v  in var.map: k => v}
    object_if  =  { for   k, v   in   var.map :  upper(k)  =>v  if v  != null}
 grouping  =  {for x in   var.list :x.key  =>x.value... }
   grouping_if =  {  for x in var.list  : x.key => x...if  x.enabled}
  nested_for = [for   xs   in  var.matrix  :  [for  x in  xs :x * 2]]
multiline_for =[
 for s  in   var.subnets:  {
   cidr  = s.cidr
   az  =s.az
   }
  if s.public
      ]
for_in_obj=  {
  names  =  [for  u  in  var.users :u.name]
    }
