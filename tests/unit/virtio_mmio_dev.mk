UNITS += virtio_mmio_dev
UNIT_SRCS_virtio_mmio_dev := host/launcher/virtio_mmio_dev.c host/launcher/virtqueue.c
