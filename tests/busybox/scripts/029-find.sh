mkdir -p t/a t/b; touch t/a/f1 t/b/f2 t/top
find t -type f | sort
find t -name 'f*' | sort
find t -type d | sort
find t -type f -exec echo found {} \; | sort
