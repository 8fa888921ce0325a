sh -c 'sh -c "sh -c \"echo three deep\""'
echo 'echo from stdin' | sh
sh -c 'echo $0 $1' zero one
