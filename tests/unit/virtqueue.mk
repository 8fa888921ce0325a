UNITS += virtqueue
UNIT_SRCS_virtqueue := host/launcher/virtqueue.c
