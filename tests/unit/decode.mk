UNITS += decode
UNIT_SRCS_decode := host/core/decode.c
