a = 'single'
b = 1 & 2
c = “curly”
d = 1;
