printf 'a\nb\nc\n' | xargs echo
printf '1 2 3 4' | xargs -n 2 echo pair
touch x1 x2; ls x* | xargs rm; ls | wc -l
