printf 'one two\nthree\n\nfour five six\n' > w
wc -l < w
wc -w < w
wc -c < w
