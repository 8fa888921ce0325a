echo out > o; echo err >&2 2>e
ls nosuchfile 2> err.txt; echo "status $?"
cat err.txt | sed 's/.*nosuchfile.*/ls error mentions the file/'
exec 3> fd3; echo via3 >&3; exec 3>&-; cat fd3
cat < o
