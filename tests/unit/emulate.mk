UNITS += emulate
UNIT_SRCS_emulate := tests/unit/kill_guest_stub.c host/core/emulate.c host/core/decode.c host/core/mmio_decode.c host/core/segments.c host/core/guest_memory.c
