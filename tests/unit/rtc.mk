UNITS += rtc
UNIT_SRCS_rtc := lib/rtc.c
