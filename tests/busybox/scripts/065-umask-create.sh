umask 027
mkdir um; touch um/f
stat -c '%a' um um/f
