mkdir dir; touch dir/b dir/a dir/.hidden
ls dir
ls -a dir
ls -1 dir | wc -l
ls -d dir
