basename /usr/lib/file.txt
basename /usr/lib/file.txt .txt
dirname /usr/lib/file.txt
dirname file
