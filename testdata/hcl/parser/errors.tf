a = 1
a = 2
b = [1 2]
c {
  d = 1, e = 2
}
f = "unterminated ${x"
g { h = 1
}
