a { b { c = [for x in {for : ] } }
}}}