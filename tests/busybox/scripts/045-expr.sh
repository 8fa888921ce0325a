expr 2 + 3
expr 10 / 3
expr length hello
expr substr hello 2 3
expr 5 \> 3
