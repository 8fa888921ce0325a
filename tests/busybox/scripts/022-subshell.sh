x=1; (x=2; echo "inside $x"); echo "outside $x"
echo "$(echo nested $(echo deeper))"
cd /; (cd /tmp 2>/dev/null || cd /; pwd >/dev/null); pwd
