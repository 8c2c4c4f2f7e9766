* fs.s: files. Owns the QFS file system of the disk (docs/disk-format.md) as the kernel
* sees it: the mounted superblock and directory (kept in memory, written back entry by
* entry), the file records (one per open file: its memory window and dirty range), the
* open-file records (one per open: position, access, its synthesized routines), each
* thread's fd table (in its TTE), and the file calls open, creat, read, write, close and
* lseek (K_OPEN .. K_LSEEK). Blocks move through the disk driver (disk.s) only; code is
* made by the synthesizer (synth.s) only.
*
* In the spirit of F_create, open synthesizes the read and write routines of that open
* file: templates fread / fread_mem / fwrite below, whose holes are the absolute
* addresses of this file's position, size, memory window and dirty range, so the
* routine that runs has no lookup left. The fd's entry of the thread's fd table points
* straight at them (K_READ / K_FWRITE is a range check and one indexed jmp); close
* drops their references (synth.s frees the code at zero) and points the entry back at
* fd_badf.
*
* A file's content lives in a memory window (BUFMEM), byte k at window + k. Blocks come
* in lazily (the prefix up to the byte a read needs, plus read-ahead); writes land in the
* window and mark a dirty byte range, written back at the last close (or at the exit of
* the thread). A file that needs more blocks gets twice its need plus GROWBLKS (close
* trims it to its length): in place while the blocks after its extent are free,
* otherwise at the start of the largest free extent (its content moves with it).
* Everything runs with interrupts masked.

* ---- file-system memory ----
FSV             equ     $38000          ; variables below
fs_ok           equ     FSV+$00         ; 1 when a QFS disk is mounted
fs_total        equ     FSV+$04         ; N: blocks on the disk
fs_dirblocks    equ     FSV+$08         ; D
fs_datastart    equ     FSV+$0C         ; D + 1
fs_nent         equ     FSV+$10         ; 16 D entries
fs_name         equ     FSV+$14         ; 20 bytes + 4: the name being looked up
fs_nopen        equ     FSV+$30         ; statistics: opens, closes
fs_nclose       equ     FSV+$34
OFTAB           equ     $38400          ; NOF open-file records of OF_SIZE bytes
NOF             equ     64
OF_SIZE         equ     32
OF_FR           equ     0               ; its file record (0: the record is free)
OF_POS          equ     4               ; the position
OF_MODE         equ     8               ; 0 read, 1 write, 2 both
OF_RRT          equ     12              ; routine record of its read routine, or 0
OF_WRT          equ     16              ; of its write routine, or 0
FRTAB           equ     $38C00          ; NFR file records of FR_SIZE bytes
NFR             equ     32
FR_SIZE         equ     48
FR_REFS         equ     0               ; open-file records using it (0: free)
FR_DIRENT       equ     4               ; its directory entry (in DIRBUF)
FR_BUF          equ     8               ; memory window: byte k of the file at FR_BUF + k
FR_CAP          equ     12              ; window bytes (a multiple of 512)
FR_ROOM         equ     16              ; min(window, allocated blocks x 512): writes up to here
FR_LOADED       equ     20              ; bytes [0, loaded) are in the window (whole blocks,
                                        ; or everything: loaded >= length)
FR_DLO          equ     24              ; dirty bytes [DLO, DHI) (DLO = $7FFFFFFF: clean)
FR_DHI          equ     28
FR_DIRDIRTY     equ     32              ; its directory entry changed
FR_HOME         equ     36              ; its own SLOT-sized window (set at mount)
SBBUF           equ     $39200          ; superblock (512 bytes)
FROFDE          equ     $39400          ; per directory entry: its open file record, or 0
DIRBUF          equ     $3A000          ; the directory, up to DIR_MAXBLK blocks
DIR_MAXBLK      equ     16
BUFMEM          equ     $200000         ; file windows, above every user region:
SLOT            equ     $20000          ; file record i's own window (128 KiB) at
BIGMEM          equ     BUFMEM+NFR*SLOT ; BUFMEM + i x SLOT; larger ones from BIGMEM
BUFEND          equ     $F00000         ; up (first fit)
QFS_MAGIC       equ     $51465331       ; "QFS1"
DE_START        equ     $14             ; directory entry: start block, length, blocks
DE_LEN          equ     $18
DE_BLOCKS       equ     $1C
READAHEAD       equ     64              ; blocks a lazy load brings beyond the need
GROWSLACK       equ     65536           ; window bytes a writable open gets beyond its file
GROWBLKS        equ     16              ; blocks a growing extent gets beyond twice its need
FMAX            equ     $800000         ; largest file position or size (8 MiB)

* fs_init: at boot, before any thread exists (the driver waits in STOP). Mounts the
* disk's QFS: superblock checks, then the directory into DIRBUF. Prints what it found.
fs_init:        lea     FSV,a0                  ; variables, records, superblock copy
                move.w  #($3A000-$38000)/4-1,d0
.clr:           clr.l   (a0)+
                dbra    d0,.clr
                moveq   #0,d0                   ; block 0
                moveq   #1,d1
                lea     SBBUF,a0
                moveq   #DISK_RD,d2
                bsr     disk_io
                tst.l   d0
                bne     .none
                cmpi.l  #QFS_MAGIC,SBBUF
                bne     .none
                cmpi.l  #1,SBBUF+4              ; version
                bne     .none
                cmpi.l  #1,SBBUF+$C             ; directory at block 1
                bne     .none
                cmpi.l  #32,SBBUF+$18           ; entry size
                bne     .none
                move.l  SBBUF+$10,d1            ; D: 1..DIR_MAXBLK
                beq     .none
                cmp.l   #DIR_MAXBLK,d1
                bhi     .none
                move.l  d1,d0
                addq.l  #1,d0
                cmp.l   SBBUF+$14,d0            ; data start = D + 1
                bne     .none
                move.l  SBBUF+8,fs_total
                move.l  d1,fs_dirblocks
                move.l  d0,fs_datastart
                lsl.l   #4,d1
                move.l  d1,fs_nent
                moveq   #1,d0
                move.l  fs_dirblocks,d1
                lea     DIRBUF,a0
                moveq   #DISK_RD,d2
                bsr     disk_io
                tst.l   d0
                bne     .none
                lea     FRTAB,a0                ; each file record's own window
                move.l  #BUFMEM,d0
                moveq   #NFR-1,d1
.home:          move.l  d0,FR_HOME(a0)
                add.l   #SLOT,d0
                lea     FR_SIZE(a0),a0
                dbra    d1,.home
                move.l  #1,fs_ok
                lea     m_fs1(pc),a0
                bsr     kputs
                move.l  fs_total,d0
                bsr     kputdec
                lea     m_fs2(pc),a0
                bsr     kputs
                move.l  fs_nent,d0
                bsr     kputdec
                lea     m_fs3(pc),a0
                bra     kputs
.none:          lea     m_fs0(pc),a0
                bra     kputs

m_fs0:          dc.b    "fs: no QFS disk (file calls return -19)",10,0
m_fs1:          dc.b    "fs: QFS disk, ",0
m_fs2:          dc.b    " blocks, ",0
m_fs3:          dc.b    " directory entries",10,0
                even

* fs_kpt: enter the file calls into the KPT (after kpt_init).
fs_kpt:         move.l  #k_open,(kpt+K_OPEN*4)
                move.l  #k_creat,(kpt+K_CREAT*4)
                move.l  #k_read,(kpt+K_READ*4)
                move.l  #k_fwrite,(kpt+K_FWRITE*4)
                move.l  #k_close,(kpt+K_CLOSE*4)
                move.l  #k_lseek,(kpt+K_LSEEK*4)
                rts

* fs_thread_init: a3 = a new TTE. Every fd closed. Trashes d0/a0.
fs_thread_init: lea     TTE_FDTAB(a3),a0
                moveq   #NFD-1,d0
.f:             move.l  #fd_badf,(a0)+
                move.l  #fd_badf,(a0)+
                dbra    d0,.f
                lea     TTE_FDOF(a3),a0
                moveq   #NFD-1,d0
.o:             clr.l   (a0)+
                dbra    d0,.o
                rts

* fs_exit: a3 = a thread that ends (interrupts masked). Closes its fds, so its files'
* dirty blocks reach the disk. A request of another thread still in flight is waited
* for first, so that its waiter is back in the ring before this thread leaves it.
fs_exit:        movem.l d0-d3/a0-a2/a4-a6,-(sp)
.drain:         move.l  disk_waiter,d0          ; switched away, not yet back in the ring?
                beq.s   .go
                movea.l d0,a0
                cmpi.l  #TS_DISK,TTE_STATE(a0)
                bne.s   .go
                stop    #$2000
                ori.w   #$0700,sr
                bra.s   .drain
.go:            moveq   #0,d3
.fd:            tst.l   (TTE_FDOF,a3,d3.w*4)
                beq.s   .n
                move.l  d3,d0
                bsr     fs_closefd
.n:             addq.l  #1,d3
                cmp.l   #NFD,d3
                blo.s   .fd
                movem.l (sp)+,d0-d3/a0-a2/a4-a6
                rts

* ---- the calls ----

* fd_badf: the read and write entry of a closed fd (or of a direction the fd was not
* opened for).
fd_badf:        moveq   #E_BADF,d0
                rts

* K_READ: d0 = fd, a0 = buffer, d1 = count -> d0 = bytes read (0 at the end), or an
* error. The fd's read entry is the routine open synthesized for it.
k_read:         cmp.l   #NFD,d0                 ; unsigned: negative fds fail too
                bhs.s   fd_badf
                movea.l current,a2
                movea.l (TTE_FDTAB,a2,d0.w*8),a2
                jmp     (a2)

* K_FWRITE: d0 = fd, a0 = buffer, d1 = count -> d0 = bytes written, or an error.
k_fwrite:       cmp.l   #NFD,d0
                bhs.s   fd_badf
                movea.l current,a2
                movea.l (TTE_FDTAB+4,a2,d0.w*8),a2
                jmp     (a2)

* K_OPEN: a0 = path (NUL-terminated, in the caller's region), d0 = flags (0 read,
* 1 write, 2 both) -> d0 = fd, or an error.
k_open:         ori.w   #$0700,sr
                movem.l d3-d7/a3-a6,-(sp)
                move.l  d0,d7
                moveq   #E_NODEV,d0
                tst.l   fs_ok
                beq.s   .out
                moveq   #E_INVAL,d0
                cmp.l   #2,d7
                bhi.s   .out
                bsr     fs_getname
                bmi.s   .out
                bsr     fs_find
                bmi.s   .out
                bsr     fs_openent
.out:           movem.l (sp)+,d3-d7/a3-a6
                rts

* K_CREAT: a0 = path, d0 = mode (ignored: QFS keeps no modes) -> d0 = fd, opened for
* reading and writing, of an empty file: a new one, or the old one truncated.
k_creat:        ori.w   #$0700,sr
                movem.l d3-d7/a3-a6,-(sp)
                moveq   #E_NODEV,d0
                tst.l   fs_ok
                beq     .out
                bsr     fs_getname
                bmi     .out
                bsr     fs_find
                bpl.s   .trunc
                cmp.l   #E_NOENT,d0
                bne     .out
                bsr     fs_namechk              ; a name QFS allows?
                bmi     .out
                lea     DIRBUF,a4               ; a new entry: the first free one
                move.l  fs_nent,d1
                bra.s   .f2
.f1:            tst.b   (a4)
                beq.s   .new
                lea     32(a4),a4
.f2:            dbra    d1,.f1
                moveq   #E_NOSPC,d0
                bra     .out
.new:           lea     fs_name,a0
                movea.l a4,a1
                moveq   #4,d1
.cp:            move.l  (a0)+,(a1)+
                dbra    d1,.cp
                clr.l   (a1)+                   ; start, length, blocks: empty
                clr.l   (a1)+
                clr.l   (a1)+
                bsr     fs_dirwrite             ; the entry exists on the disk now
                bmi     .out
                bra.s   .open
.trunc:         bsr     fs_entok                ; a bad extent is dropped, a good one
                bpl.s   .keep                   ; kept: room to grow in place
                clr.l   DE_START(a4)
                clr.l   DE_BLOCKS(a4)
.keep:          clr.l   DE_LEN(a4)
                bsr     fr_of_entry             ; an open file's record follows
                beq.s   .tw
                clr.l   FR_LOADED(a0)           ; (loaded >= length again)
                move.l  #$7FFFFFFF,FR_DLO(a0)
                clr.l   FR_DHI(a0)
.tw:            bsr     fs_dirwrite
                bmi     .out
.open:          moveq   #2,d7
                bsr     fs_openent
.out:           movem.l (sp)+,d3-d7/a3-a6
                rts

* K_CLOSE: d0 = fd -> 0, or an error (E_IO when its dirty blocks could not be written).
k_close:        ori.w   #$0700,sr
                cmp.l   #NFD,d0
                bhs.s   .bad
                movem.l a3-a6,-(sp)             ; (what fs_closefd uses beyond
                movea.l current,a3              ; d0-d2/a0-a2)
                tst.l   (TTE_FDOF,a3,d0.w*4)
                beq.s   .bad2
                bsr     fs_closefd
                movem.l (sp)+,a3-a6
                rts
.bad2:          movem.l (sp)+,a3-a6
.bad:           moveq   #E_BADF,d0
                rts

* K_LSEEK: d0 = fd, d1 = offset, a1 = whence (0 from the start, 1 from the position,
* 2 from the end) -> d0 = the new position (0 .. FMAX), or an error.
k_lseek:        ori.w   #$0700,sr
                cmp.l   #NFD,d0
                bhs.s   .badf
                movea.l current,a2
                move.l  (TTE_FDOF,a2,d0.w*4),d0
                beq.s   .badf
                movea.l d0,a2                   ; the open-file record
                move.l  a1,d2
                beq.s   .set
                subq.l  #1,d2
                beq.s   .cur
                subq.l  #1,d2
                bne.s   .inval
                movea.l OF_FR(a2),a1            ; from the end
                movea.l FR_DIRENT(a1),a1
                add.l   DE_LEN(a1),d1
                bvs.s   .inval
                bra.s   .set
.cur:           add.l   OF_POS(a2),d1
                bvs.s   .inval
.set:           cmp.l   #FMAX,d1                ; unsigned: negative fails too
                bhi.s   .inval
                move.l  d1,OF_POS(a2)
                move.l  d1,d0
                rts
.inval:         moveq   #E_INVAL,d0
                rts
.badf:          moveq   #E_BADF,d0
                rts

* ---- open and close ----

* fs_openent: a4 = directory entry, d7 = mode, current = the caller -> d0 = fd or error.
* Finds a free fd, the file's record (shared with other opens of the file, or a new one
* with a memory window), a free open-file record, and synthesizes the routines.
* Trashes d1-d6/a0-a6.
fs_openent:     movea.l current,a3
                moveq   #0,d6                   ; a free fd
.fd:            tst.l   (TTE_FDOF,a3,d6.w*4)
                beq.s   .fdok
                addq.l  #1,d6
                cmp.l   #NFD,d6
                blo.s   .fd
                moveq   #E_MFILE,d0
                rts
.fdok:          lea     OFTAB,a6                ; a free open-file record
                moveq   #NOF-1,d0
.of:            tst.l   OF_FR(a6)
                beq.s   .ofok
                lea     OF_SIZE(a6),a6
                dbra    d0,.of
                moveq   #E_NFILE,d0
                rts
.ofok:          bsr     fr_of_entry             ; the file open already?
                bne     .frok
                lea     FRTAB,a0                ; a free file record
                moveq   #NFR-1,d0
.fr:            tst.l   FR_REFS(a0)
                beq.s   .frnew
                lea     FR_SIZE(a0),a0
                dbra    d0,.fr
                moveq   #E_NFILE,d0
                rts
.frnew:         movea.l a0,a5
                bsr     fs_entok                ; a sane entry? (the disk is input too)
                bmi.s   .out
                move.l  DE_LEN(a4),d0           ; window: the length in whole blocks,
                addi.l  #511,d0                 ; plus slack when the file may grow
                andi.w  #-512,d0
                tst.l   d7
                beq.s   .ro
                add.l   #GROWSLACK,d0
.ro:            movea.l FR_HOME(a5),a0          ; the record's own window fits?
                move.l  #SLOT,d5
                cmp.l   d5,d0
                bls.s   .wok
                move.l  d0,d5
                bsr     fs_wfind                ; -> a0 = window, or 0
                move.l  a0,d0
                bne.s   .wok
                moveq   #E_NOMEM,d0
.out:           rts
.wok:           move.l  a4,FR_DIRENT(a5)
                move.l  a0,FR_BUF(a5)
                move.l  d5,FR_CAP(a5)
                clr.l   FR_LOADED(a5)
                move.l  #$7FFFFFFF,FR_DLO(a5)
                clr.l   FR_DHI(a5)
                clr.l   FR_DIRDIRTY(a5)
                movea.l a5,a0
                bsr     fr_setroom
                move.l  a5,d1
                bsr     fr_mark
                movea.l a5,a0
.frok:          movea.l a0,a5                   ; a5 = file record
                addq.l  #1,FR_REFS(a5)
                move.l  a5,OF_FR(a6)
                clr.l   OF_POS(a6)
                move.l  d7,OF_MODE(a6)
                clr.l   OF_RRT(a6)
                clr.l   OF_WRT(a6)
                move.l  a6,(TTE_FDOF,a3,d6.w*4)
                lea     -20(sp),sp              ; the holes, the same for the three
                move.l  TTE_UBASE(a3),(sp)      ; templates: ubase, usize (the
                move.l  TTE_USIZE(a3),4(sp)     ; caller's region), of, fr, len
                move.l  a6,8(sp)                ; (the length's address in the
                move.l  a5,12(sp)               ; directory entry)
                lea     DE_LEN(a4),a0
                move.l  a0,16(sp)
                cmp.l   #1,d7                   ; readable: synthesize its read
                beq.s   .nr
                moveq   #fread_index,d0         ; the size class: a file all in memory
                move.l  FR_LOADED(a5),d1        ; (loaded >= length stays true) needs
                cmp.l   DE_LEN(a4),d1           ; no load check
                blo.s   .lazy
                moveq   #fread_mem_index,d0
.lazy:          movea.l sp,a0
                suba.l  a1,a1
                bsr     syn_make
                move.l  TTE_ID(a3),RT_OWNER(a1)
                move.l  a1,OF_RRT(a6)
                move.l  a0,(TTE_FDTAB,a3,d6.w*8)
.nr:            tst.l   d7                      ; writable: synthesize its write
                beq.s   .nw
                moveq   #fwrite_index,d0
                movea.l sp,a0
                suba.l  a1,a1
                bsr     syn_make
                move.l  TTE_ID(a3),RT_OWNER(a1)
                move.l  a1,OF_WRT(a6)
                move.l  a0,(TTE_FDTAB+4,a3,d6.w*8)
.nw:            lea     20(sp),sp
                addq.l  #1,fs_nopen
                move.l  d6,d0
                rts

* fs_entok: a4 = directory entry about to be opened -> d0 = 0, or E_IO (N set) when it
* breaks a rule of docs/disk-format.md that the file code relies on: a length past FMAX
* or past its blocks, an extent outside the data area. The host tool never writes such
* an entry, but a disk image is input like any other. Trashes d1.
fs_entok:       move.l  DE_LEN(a4),d0
                cmp.l   #FMAX,d0
                bhi.s   .bad
                addi.l  #511,d0
                moveq   #9,d1
                lsr.l   d1,d0
                move.l  DE_BLOCKS(a4),d1
                cmp.l   d0,d1                   ; blocks >= ceil(length / 512)
                blo.s   .bad
                tst.l   d1
                beq.s   .ok
                move.l  DE_START(a4),d0
                cmp.l   fs_datastart,d0
                blo.s   .bad
                add.l   d1,d0
                bcs.s   .bad
                cmp.l   fs_total,d0
                bhi.s   .bad
.ok:            moveq   #0,d0
                rts
.bad:           moveq   #E_IO,d0
                rts

* fs_closefd: a3 = TTE, d0 = one of its open fds (interrupts masked). Points the fd's
* entries back at fd_badf, drops its routines, and at the file's last close writes its
* dirty blocks, trims its extent to its length and writes its directory entry.
* -> d0 = 0 or E_IO. Trashes d1-d2/a0-a2, a4-a6.
fs_closefd:     move.l  #fd_badf,(TTE_FDTAB,a3,d0.w*8)
                move.l  #fd_badf,(TTE_FDTAB+4,a3,d0.w*8)
                movea.l (TTE_FDOF,a3,d0.w*4),a6
                clr.l   (TTE_FDOF,a3,d0.w*4)
                addq.l  #1,fs_nclose
                move.l  OF_RRT(a6),d0
                beq.s   .r
                movea.l d0,a1
                bsr     syn_release
.r:             move.l  OF_WRT(a6),d0
                beq.s   .w
                movea.l d0,a1
                bsr     syn_release
.w:             movea.l OF_FR(a6),a4
                clr.l   OF_FR(a6)
                moveq   #0,d0
                subq.l  #1,FR_REFS(a4)
                bne.s   .out
                bsr     fs_flush                ; the last close
                move.l  d0,-(sp)
                movea.l FR_DIRENT(a4),a5        ; trim the extent to the length
                exg     a4,a5
                moveq   #0,d1
                bsr     fr_mark                 ; the entry has no open file now
                exg     a4,a5
                move.l  DE_LEN(a5),d1
                addi.l  #511,d1
                moveq   #9,d2
                lsr.l   d2,d1
                cmp.l   DE_BLOCKS(a5),d1
                beq.s   .same
                move.l  d1,DE_BLOCKS(a5)
                move.l  #1,FR_DIRDIRTY(a4)
                tst.l   d1
                bne.s   .same
                clr.l   DE_START(a5)
.same:          tst.l   FR_DIRDIRTY(a4)
                beq.s   .clean
                movea.l a5,a4
                bsr     fs_dirwrite
                bpl.s   .clean
                move.l  d0,(sp)
.clean:         move.l  (sp)+,d0
.out:           rts

* fs_flush: a4 = file record. Writes its dirty blocks (one disk command: the extent is
* contiguous), zero-filling the tail of the last block. -> d0 = 0 or E_IO.
* Trashes d1-d2/a0-a1.
fs_flush:       moveq   #0,d0
                move.l  FR_DLO(a4),d1
                move.l  FR_DHI(a4),d2
                movea.l FR_DIRENT(a4),a1
                cmp.l   DE_LEN(a1),d2           ; nothing past the length
                bls.s   .1
                move.l  DE_LEN(a1),d2
.1:             andi.w  #-512,d1
                cmp.l   d1,d2
                bls.s   .done
                movem.l d3-d4,-(sp)
                move.l  d2,d3                   ; zero the last block's tail
                addi.l  #511,d3
                andi.w  #-512,d3
                move.l  d3,d4
                sub.l   d2,d4                   ; tail bytes
                movea.l FR_BUF(a4),a0
                adda.l  d2,a0
                bra.s   .z2
.z1:            clr.b   (a0)+
.z2:            dbra    d4,.z1
                sub.l   d1,d3                   ; bytes, whole blocks
                moveq   #9,d4
                lsr.l   d4,d3
                movea.l FR_BUF(a4),a0
                adda.l  d1,a0
                move.l  d1,d0
                lsr.l   d4,d0
                add.l   DE_START(a1),d0
                move.l  d3,d1
                moveq   #DISK_WR,d2
                bsr     disk_io
                movem.l (sp)+,d3-d4
.done:          move.l  #$7FFFFFFF,FR_DLO(a4)
                clr.l   FR_DHI(a4)
                rts

* fs_dirwrite: a4 = directory entry (or a file record's: FR_DIRENT taken when a4 is in
* FRTAB). Writes the directory block holding it. -> d0 = 0 or E_IO (N set).
* Trashes d1-d2/a0.
fs_dirwrite:    move.l  a4,d0
                cmp.l   #DIRBUF,d0
                bhs.s   .ent
                movea.l FR_DIRENT(a4),a0
                clr.l   FR_DIRDIRTY(a4)
                move.l  a0,d0
.ent:           sub.l   #DIRBUF,d0
                andi.w  #-512,d0
                lea     DIRBUF,a0
                adda.l  d0,a0
                moveq   #9,d1
                lsr.l   d1,d0
                addq.l  #1,d0                   ; the directory starts at block 1
                moveq   #1,d1
                moveq   #DISK_WR,d2
                bsr     disk_io
                tst.l   d0
                rts

* fr_of_entry: a4 = directory entry -> a0 = the file record open on it (Z clear), or
* Z set when the file is not open (FROFDE: one long per entry). Trashes d0.
fr_of_entry:    move.l  a4,d0
                sub.l   #DIRBUF,d0
                lsr.l   #3,d0                   ; entry index x 4
                lea     FROFDE,a0
                movea.l (a0,d0.l),a0
                move.l  a0,d0                   ; Z set when 0
                rts

* fr_mark: a4 = directory entry, d1 = its file record or 0: FROFDE updated. Trashes d0/a0.
fr_mark:        move.l  a4,d0
                sub.l   #DIRBUF,d0
                lsr.l   #3,d0
                lea     FROFDE,a0
                move.l  d1,(a0,d0.l)
                rts

* fr_setroom: a0 = file record: ROOM = min(window, blocks x 512). Trashes d0-d1/a1.
fr_setroom:     movea.l FR_DIRENT(a0),a1
                move.l  DE_BLOCKS(a1),d0
                moveq   #9,d1
                lsl.l   d1,d0
                cmp.l   FR_CAP(a0),d0
                bls.s   .1
                move.l  FR_CAP(a0),d0
.1:             move.l  d0,FR_ROOM(a0)
                rts

* ---- names ----

* fs_getname: a0 = the caller's path. Copies it into fs_name (NUL-padded to 20 bytes;
* leading '/'s skipped; a '/' inside a name is copied and then matches no entry). The
* caller's region is checked once: the copy stops where it ends. Two instructions a
* character (move.b, dbeq). -> d0 = 0, or E_FAULT / E_NAMETOOLONG (N set).
* Trashes d1-d2/a0-a2.
fs_getname:     lea     fs_name,a1
                clr.l   (a1)
                clr.l   4(a1)
                clr.l   8(a1)
                clr.l   12(a1)
                clr.l   16(a1)
                movea.l current,a2
                move.l  a0,d2
                sub.l   TTE_UBASE(a2),d2        ; offset in the region
                move.l  TTE_USIZE(a2),d1
                sub.l   d2,d1                   ; bytes up to its end
                bls.s   .fault                  ; (unsigned: outside altogether)
.skip:          cmpi.b  #'/',(a0)               ; leading '/'s
                bne.s   .go
                addq.l  #1,a0
                subq.l  #1,d1
                bne.s   .skip
                bra.s   .fault
.go:            moveq   #21,d2                  ; a name and its NUL at most
                cmp.l   d2,d1
                bhs.s   .lim
                move.l  d1,d2                   ; (or up to the region's end)
.lim:           subq.w  #1,d2
.c:             move.b  (a0)+,(a1)+
                dbeq    d2,.c
                bne.s   .nonul
                move.l  a1,d0                   ; the NUL copied: the length
                sub.l   #fs_name+1,d0
                beq.s   .long                   ; (empty)
                moveq   #0,d0
                rts
.nonul:         moveq   #21,d2                  ; no NUL: the region ended first, or
                cmp.l   d2,d1                   ; more than 20 characters
                blo.s   .fault
.long:          moveq   #E_NAMETOOLONG,d0
                rts
.fault:         moveq   #E_FAULT,d0
                rts

* fs_namechk: fs_name -> d0 = 0, or E_INVAL (N set) when it holds a character a QFS
* name may not (docs/disk-format.md: printable ASCII, no space, no '/'). Trashes d1/a0.
fs_namechk:     lea     fs_name,a0
                moveq   #19,d1
.c:             move.b  (a0)+,d0
                beq.s   .ok
                cmp.b   #' ',d0
                bls.s   .bad
                cmp.b   #'/',d0
                beq.s   .bad
                cmp.b   #126,d0
                bhi.s   .bad
                dbra    d1,.c
.ok:            moveq   #0,d0
                rts
.bad:           moveq   #E_INVAL,d0
                rts

* fs_find: fs_name -> a4 = its directory entry, d0 = 0; or d0 = E_NOENT (N set).
* The name is compared as five longs against each entry. Trashes d1-d2/a0.
fs_find:        lea     DIRBUF,a4
                move.l  fs_nent,d2
                bra.s   .f2
.f1:            lea     fs_name,a0
                move.l  (a4),d1
                beq.s   .n                      ; (a free entry never matches: the
                cmp.l   (a0)+,d1                ; name's first byte is not 0)
                bne.s   .n
                move.l  4(a4),d1
                cmp.l   (a0)+,d1
                bne.s   .n
                move.l  8(a4),d1
                cmp.l   (a0)+,d1
                bne.s   .n
                move.l  12(a4),d1
                cmp.l   (a0)+,d1
                bne.s   .n
                move.l  16(a4),d1
                cmp.l   (a0)+,d1
                bne.s   .n
                moveq   #0,d0
                rts
.n:             lea     32(a4),a4
.f2:            dbra    d2,.f1
                moveq   #E_NOENT,d0
                rts

* ---- memory windows and disk extents ----

* fs_wfind: d0 = bytes (a multiple of 512) -> a0 = a window of BUFMEM that overlaps no
* open file's, or 0. First fit among BUFMEM and the ends of the windows in use.
* Trashes d1-d2/a1-a2.
fs_wfind:       movem.l d3-d4,-(sp)
                move.l  #BIGMEM,d3              ; candidate
                lea     FRTAB-FR_SIZE,a2        ; (the next candidate's record)
                moveq   #NFR,d4
.try:           move.l  d3,d1
                add.l   d0,d1                   ; candidate end
                cmp.l   #BUFEND,d1
                bhi.s   .next
                lea     FRTAB,a1                ; overlaps a window in use?
                moveq   #NFR-1,d2
.ov:            tst.l   FR_REFS(a1)
                beq.s   .ovn
                cmpi.l  #BIGMEM,FR_BUF(a1)      ; a record's own window: not here
                blo.s   .ovn
                cmp.l   FR_BUF(a1),d1           ; end <= buf: no
                bls.s   .ovn
                movea.l FR_BUF(a1),a0
                adda.l  FR_CAP(a1),a0
                cmpa.l  d3,a0                   ; buf + cap <= candidate: no
                bls.s   .ovn
                bra.s   .next
.ovn:           lea     FR_SIZE(a1),a1
                dbra    d2,.ov
                movea.l d3,a0                   ; fits
                movem.l (sp)+,d3-d4
                rts
.next:          lea     FR_SIZE(a2),a2          ; next candidate: a window's end
                subq.l  #1,d4
                bmi.s   .none
                tst.l   FR_REFS(a2)
                beq.s   .next
                cmpi.l  #BIGMEM,FR_BUF(a2)
                blo.s   .next
                move.l  FR_BUF(a2),d3
                add.l   FR_CAP(a2),d3
                bra.s   .try
.none:          suba.l  a0,a0
                movem.l (sp)+,d3-d4
                rts

* fs_nextused: d0 = block, a5 = an entry to ignore -> d0 = the first block at or after
* it that some other file's extent starts at, or N. Trashes d1-d2/a0.
fs_nextused:    move.l  fs_total,d1
                lea     DIRBUF,a0
                move.l  fs_nent,d2
                bra.s   .e2
.e1:            tst.b   (a0)
                beq.s   .n
                cmpa.l  a0,a5
                beq.s   .n
                tst.l   DE_BLOCKS(a0)
                beq.s   .n
                cmp.l   DE_START(a0),d0
                bhi.s   .n
                cmp.l   DE_START(a0),d1
                bls.s   .n
                move.l  DE_START(a0),d1
.n:             lea     32(a0),a0
.e2:            dbra    d2,.e1
                move.l  d1,d0
                rts

* fs_largest: a5 = an entry to ignore -> d0 = start, d1 = length of the largest free
* extent (candidates: the data start and every other extent's end). Trashes d2/a0-a1.
fs_largest:     movem.l d3-d5,-(sp)
                moveq   #0,d4                   ; best start, length
                moveq   #0,d5
                move.l  fs_datastart,d3
                lea     DIRBUF-32,a1
                move.l  fs_nent,d2
.cand:          move.l  d3,d0
                move.l  d2,-(sp)
                bsr     fs_nextused
                move.l  (sp)+,d2
                sub.l   d3,d0
                bls.s   .nx
                cmp.l   d5,d0
                bls.s   .nx
                move.l  d3,d4
                move.l  d0,d5
.nx:            lea     32(a1),a1               ; the next extent's end
                subq.l  #1,d2
                bmi.s   .done
                tst.b   (a1)
                beq.s   .nx
                cmpa.l  a1,a5
                beq.s   .nx
                move.l  DE_BLOCKS(a1),d3
                beq.s   .nx
                add.l   DE_START(a1),d3
                bra.s   .cand
.done:          move.l  d4,d0
                move.l  d5,d1
                movem.l (sp)+,d3-d5
                rts

* fs_load: a1 = file record, d1 = bytes needed from the start -> d0 = 0 or E_IO.
* Brings the blocks from the loaded prefix's end up to the need plus READAHEAD (at most
* the file's last block) into the window, in one disk command. Preserves all but d0.
fs_load:        movem.l d1-d4/a0-a2,-(sp)
                move.l  FR_LOADED(a1),d0
                cmp.l   d1,d0
                bhs.s   .ok
                movea.l FR_DIRENT(a1),a2
                cmp.l   DE_LEN(a2),d0           ; everything there already
                bhs.s   .ok
                moveq   #9,d4
                move.l  d0,d3
                lsr.l   d4,d3                   ; first block (loaded is block-aligned)
                addi.l  #511,d1
                lsr.l   d4,d1
                addi.l  #READAHEAD,d1           ; end block, with read-ahead,
                move.l  DE_LEN(a2),d2           ; at most the last block of the file
                addi.l  #511,d2
                lsr.l   d4,d2
                cmp.l   d2,d1
                bls.s   .1
                move.l  d2,d1
.1:             move.l  d1,d2                   ; d2 = end block
                sub.l   d3,d1                   ; count
                move.l  d3,d0
                lsl.l   d4,d0
                movea.l FR_BUF(a1),a0
                adda.l  d0,a0
                move.l  DE_START(a2),d0
                add.l   d3,d0
                move.l  d2,d3
                lsl.l   d4,d3
                movea.l a1,a2
                moveq   #DISK_RD,d2
                bsr     disk_io
                tst.l   d0
                bne.s   .out
                move.l  d3,FR_LOADED(a2)
.ok:            moveq   #0,d0
.out:           movem.l (sp)+,d1-d4/a0-a2
                rts

* fs_grow: a1 = file record, d0 = the end (bytes) a write needs -> d0 = 0, or E_NOSPC,
* E_NOMEM, E_IO. Makes room on the disk (in place when the blocks after the extent are
* free, else the file moves to the largest free extent and is written there whole at
* close) and in memory (a bigger window, the loaded content copied).
* Preserves all but d0.
fs_grow:        movem.l d1-d7/a0-a6,-(sp)
                movea.l a1,a4
                movea.l FR_DIRENT(a4),a5
                move.l  d0,d7
                cmp.l   #FMAX,d7
                bhi     .nospc
                move.l  d7,d6                   ; blocks needed
                addi.l  #511,d6
                moveq   #9,d0
                lsr.l   d0,d6
                cmp.l   DE_BLOCKS(a5),d6
                bls     .diskok
                move.l  d6,d5                   ; the extent wanted: twice the need
                add.l   d5,d5                   ; and GROWBLKS more (amortized: few
                add.l   #GROWBLKS,d5            ; grows, and the rest stays free for
                tst.l   DE_BLOCKS(a5)           ; other files)
                beq.s   .move
                move.l  DE_START(a5),d0         ; the free run after the extent
                add.l   DE_BLOCKS(a5),d0
                bsr     fs_nextused
                sub.l   DE_START(a5),d0
                cmp.l   d6,d0
                blo.s   .move
                cmp.l   d5,d0                   ; in place: as much as wanted
                bls.s   .ip
                move.l  d5,d0
.ip:            move.l  d0,DE_BLOCKS(a5)
                move.l  #1,FR_DIRDIRTY(a4)
                bra.s   .diskok
.move:          movea.l a4,a1                   ; everything into memory first
                move.l  DE_LEN(a5),d1
                bsr     fs_load
                tst.l   d0
                bne     .out
                bsr     fs_largest
                cmp.l   d6,d1
                blo     .nospc
                cmp.l   d5,d1                   ; at the start of the largest free
                bls.s   .mv                     ; extent, as much as wanted
                move.l  d5,d1
.mv:            move.l  d0,DE_START(a5)
                move.l  d1,DE_BLOCKS(a5)
                move.l  #1,FR_DIRDIRTY(a4)
                clr.l   FR_DLO(a4)              ; all of it goes to the new place
                move.l  DE_LEN(a5),d0
                cmp.l   FR_DHI(a4),d0
                bls.s   .diskok
                move.l  d0,FR_DHI(a4)
.diskok:        cmp.l   FR_CAP(a4),d7
                bls.s   .memok
                move.l  d7,d0                   ; a window 1.5 x the need + slack
                lsr.l   #1,d0
                add.l   d7,d0
                add.l   #GROWSLACK+511,d0
                andi.w  #-512,d0
                move.l  d0,d5
                bsr     fs_wfind
                move.l  a0,d0
                bne.s   .wok
                move.l  d7,d0                   ; or just the need
                addi.l  #511,d0
                andi.w  #-512,d0
                move.l  d0,d5
                bsr     fs_wfind
                move.l  a0,d0
                beq.s   .nomem
.wok:           move.l  FR_LOADED(a4),d0        ; move the content: loaded or length,
                cmp.l   DE_LEN(a5),d0           ; whichever is more
                bhs.s   .c1
                move.l  DE_LEN(a5),d0
.c1:            cmp.l   FR_CAP(a4),d0
                bls.s   .c2
                move.l  FR_CAP(a4),d0
.c2:            movea.l a0,a3
                movea.l FR_BUF(a4),a1
                bsr     kcopy
                move.l  a3,FR_BUF(a4)
                move.l  d5,FR_CAP(a4)
.memok:         movea.l a4,a0
                bsr     fr_setroom
                moveq   #0,d0
.out:           movem.l (sp)+,d1-d7/a0-a6
                rts
.nospc:         moveq   #E_NOSPC,d0
                bra.s   .out
.nomem:         moveq   #E_NOMEM,d0
                bra.s   .out

* fs_zero: a1 = file record, d2 = a write's position past the length: the gap
* [length, position) reads as zeros. Preserves all.
fs_zero:        movem.l d0-d1/a0,-(sp)
                movea.l FR_DIRENT(a1),a0
                move.l  d2,d0
                sub.l   DE_LEN(a0),d0
                movea.l FR_BUF(a1),a0
                adda.l  d2,a0
                bra.s   .z2
.z1:            clr.b   -(a0)
.z2:            subq.l  #1,d0
                bcc.s   .z1
                movem.l (sp)+,d0-d1/a0
                rts

* kcopy: a1 = source, a0 = destination, d0 = bytes. 48 bytes per MOVEM pair while
* there are that many, then longs, then bytes. The kernel reaches a user buffer
* directly: user regions are mapped 1:1 and checked (check_ptr) before; the data cache
* allocates on writes (WA), so a write from either function code takes the line over and
* no supervisor-tagged copy of a user line can go stale (see quamachine.i).
* Trashes d0-d2/a0-a1.
kcopy:          cmp.l   #48,d0
                blo.s   .longs
                movem.l d3-d7/a2-a6,-(sp)
.big:           movem.l (a1)+,d1-d7/a2-a6
                movem.l d1-d7/a2-a6,(a0)
                lea     48(a0),a0
                sub.l   #48,d0
                cmp.l   #48,d0
                bhs.s   .big
                movem.l (sp)+,d3-d7/a2-a6
.longs:         move.l  d0,d1
                lsr.l   #2,d1
                bra.s   .l2
.l1:            move.l  (a1)+,(a0)+
.l2:            dbra    d1,.l1
                andi.w  #3,d0
                bra.s   .b2
.b1:            move.b  (a1)+,(a0)+
.b2:            dbra    d0,.b1
                rts

* fs_wprep: the slow part of a write (from fwrite): a1 = file record, a2 = open-file
* record, d0 = the write's end. Grows the file when the end passes its room, loads the
* blocks the write touches that are not in memory yet, zero-fills a gap when the
* position is past the length. -> d0 = 0 or an error. Preserves all but d0.
fs_wprep:       movem.l d1-d2/a0-a1,-(sp)
                move.l  d0,d2
                cmp.l   FR_ROOM(a1),d2
                bls.s   .room
                bsr     fs_grow
                tst.l   d0
                bmi.s   .out
.room:          movea.l FR_DIRENT(a1),a0
                move.l  d2,d1                   ; need min(end, length) loaded
                cmp.l   DE_LEN(a0),d1
                bls.s   .ld
                move.l  DE_LEN(a0),d1
.ld:            bsr     fs_load
                tst.l   d0
                bmi.s   .out
                move.l  OF_POS(a2),d2
                cmp.l   DE_LEN(a0),d2
                bls.s   .ok
                bsr     fs_zero
.ok:            moveq   #0,d0
.out:           movem.l (sp)+,d1-d2/a0-a1
                rts

* ---- the synthesized routines ----
* Entered from K_READ / K_FWRITE by jmp, in supervisor mode: d0 = fd, a0 = user buffer,
* d1 = count. The holes, the same for the three and in this order of first use: ubase
* and usize, the caller's region (the pointer check is two constants, no TTE look-up),
* of and fr, its open-file and file records (fixed addresses: no fd table, no record
* look-up), len, the address of the file's length (in its directory entry). Interrupts masked while they run (a write
* of another thread could move the window).

* fr_enter: the first lines of a read routine: interrupts masked, the buffer (a0, d1
* bytes) inside the caller's region or .fault, a2 = the open-file record, a1 = the file
* record. A macro, so that each template still holds all of its code and holes.
fr_enter        macro
                ori.w   #$0700,sr
                move.l  a0,d2                   ; the buffer inside the caller's region
                sub.l   #@ubase,d2
                cmp.l   #@usize,d2
                bhs.s   .fault
                add.l   d1,d2
                bcs.s   .fault
                cmp.l   #@usize,d2
                bhi.s   .fault
                movea.l #@of,a2
                movea.l #@fr,a1
                endm

* fread_mem: the size class "all of it in memory" (loaded >= length, which every later
* write keeps true): no load check.
                template fread_mem
                fr_enter
                move.l  @len,d0
                sub.l   OF_POS(a2),d0           ; bytes left
                bls.s   .eof
                cmp.l   d1,d0
                bls.s   .n
                move.l  d1,d0                   ; n = min(count, left)
.n:             movea.l FR_BUF(a1),a1
                adda.l  OF_POS(a2),a1
                add.l   d0,OF_POS(a2)
                moveq   #16,d1                  ; a few bytes: copied here
                cmp.l   d1,d0
                bhs.s   .big
                move.w  d0,d1
                subq.w  #1,d1                   ; (a count of 0: nothing)
                bmi.s   .eof
.b:             move.b  (a1)+,(a0)+
                dbra    d1,.b
                rts
.big:           move.l  d0,-(sp)
                jsr     kcopy
                move.l  (sp)+,d0
                rts
.eof:           moveq   #0,d0
                rts
.fault:         moveq   #E_FAULT,d0
                rts
                endt

* fread: a file whose blocks may not all be in memory yet: loads what the read needs.
                template fread
                fr_enter
                move.l  @len,d0
                sub.l   OF_POS(a2),d0
                bls.s   .eof
                cmp.l   d1,d0
                bls.s   .n
                move.l  d1,d0
.n:             move.l  OF_POS(a2),d1
                add.l   d0,d1                   ; the end of this read
                cmp.l   FR_LOADED(a1),d1
                bls.s   .in
                move.l  d0,d2
                jsr     fs_load                 ; bring the blocks in (may block)
                exg     d0,d2
                tst.l   d2
                bmi.s   .err
.in:            movea.l FR_BUF(a1),a1
                adda.l  OF_POS(a2),a1
                add.l   d0,OF_POS(a2)
                move.l  d0,-(sp)
                jsr     kcopy
                move.l  (sp)+,d0
                rts
.eof:           moveq   #0,d0
                rts
.fault:         moveq   #E_FAULT,d0
                rts
.err:           move.l  d2,d0
                rts
                endt

* fwrite: write; the rare cases (growing, loading, a gap) in fs_wprep.
                template fwrite
                ori.w   #$0700,sr
                move.l  a0,d2
                sub.l   #@ubase,d2
                cmp.l   #@usize,d2
                bhs     .fault
                add.l   d1,d2
                bcs     .fault
                cmp.l   #@usize,d2
                bhi     .fault
                movea.l #@of,a2
                movea.l #@fr,a1
                move.l  OF_POS(a2),d2
                move.l  d2,d0
                add.l   d1,d0                   ; end = pos + count
                cmp.l   FR_ROOM(a1),d0          ; room for it?
                bhi.s   .slow
                cmp.l   @len,d2                 ; a gap?
                bhi.s   .slow
                cmp.l   FR_LOADED(a1),d0        ; what it touches in memory?
                bls.s   .go
                move.l  FR_LOADED(a1),d2
                cmp.l   @len,d2
                blo.s   .slow
.go:            move.l  OF_POS(a2),d2
                cmp.l   FR_DLO(a1),d2           ; the dirty range
                bhs.s   .lo
                move.l  d2,FR_DLO(a1)
.lo:            cmp.l   FR_DHI(a1),d0
                bls.s   .hi
                move.l  d0,FR_DHI(a1)
.hi:            cmp.l   @len,d0                 ; longer now?
                bls.s   .sz
                move.l  d0,@len
                move.l  #1,FR_DIRDIRTY(a1)
                cmp.l   FR_LOADED(a1),d0
                bls.s   .sz
                move.l  d0,FR_LOADED(a1)
.sz:            move.l  d0,OF_POS(a2)
                movea.l FR_BUF(a1),a1
                exg     a0,a1                   ; from the user's buffer
                adda.l  d2,a0
                move.l  d1,d0
                move.l  d0,-(sp)
                jsr     kcopy
                move.l  (sp)+,d0
                rts
.slow:          move.l  d0,-(sp)
                jsr     fs_wprep
                tst.l   d0
                bmi.s   .err
                move.l  (sp)+,d0
                bra.s   .go
.err:           addq.l  #4,sp
                rts
.fault:         moveq   #E_FAULT,d0
                rts
                endt
