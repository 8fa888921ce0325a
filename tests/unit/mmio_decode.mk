UNITS += mmio_decode
UNIT_SRCS_mmio_decode := host/core/mmio_decode.c
