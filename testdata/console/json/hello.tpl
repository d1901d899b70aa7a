Hello, ${who}!
%{ for i in items ~}
- ${i}
%{ endfor ~}
