echo through | tee t1 t2 > /dev/null
cat t1 t2
echo append | tee -a t1 > /dev/null; cat t1
