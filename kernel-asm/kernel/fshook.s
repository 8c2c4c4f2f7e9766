* fshook.s: put first in an image with files. Defines FS_HOOK, so boot.s enters the file
* calls into the KPT and mounts the disk (kernel/fs.s), every thread's vector table gets
* the disk's completion interrupt (kernel/disk.s), a new thread's fds start closed and
* an ending thread's fds are closed. Nothing else: other images never see the symbol.
FS_HOOK         equ     1
