  # hash comment
   // slash comment
   /* block comment */
   /*
  multi-line
  block comment
*/
a  = 1 # trailing hash
     b  =2  // trailing slash
      c  = /* inline */ 3
d=[
      1, # after element
      // own line
   2, /* block */
      ]
 e= {
      # comment in object
k= "v" // after
      }

 block "x" { # after brace
# inside
y=  1  /* after */
      }
     /* before block */  block"z" {
      }
