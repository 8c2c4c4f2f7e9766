* quamachine.i: the kernel's constants in one place -- the device page of
* ../shared/quamachine.md, the memory layout, the thread table entry (TTE) layout, the
* kernel procedure table (KPT) indices, and the CPU control-register bits. Included
* once, by boot.s; every later file of an image shares its symbols.

* ---- device page ($FFFF0000, 32-bit registers) ----
CONSOLE_TX      equ     $FFFF0000
CONSOLE_RX      equ     $FFFF0004
CONSOLE_STATUS  equ     $FFFF0008
HALT            equ     $FFFF0010
FPU_ENABLE      equ     $FFFF0014
CLOCK_HI        equ     $FFFF0020
CLOCK_LO        equ     $FFFF0024
PROBE_START     equ     $FFFF0030
PROBE_STOP      equ     $FFFF0034
TIMER_PERIOD    equ     $FFFF0040
TIMER_CONTROL   equ     $FFFF0044
TIMER_ACK       equ     $FFFF0048
DISK_BLOCK      equ     $FFFF0200       ; the disk (docs/disk-format.md, kernel/disk.s)
DISK_COUNT      equ     $FFFF0204
DISK_ADDR       equ     $FFFF0208
DISK_CMD        equ     $FFFF020C       ; 1 read, 2 write
DISK_STATUS     equ     $FFFF0210       ; bit 0 busy, bit 1 error
DISK_ACK        equ     $FFFF0214

* ---- CPU control bits ----
* CACR: EI (bit 0) | IBE (4) | ED (8) | WA (13): both caches on, I-cache burst fills,
* the write-through data cache allocating on writes (a frame or register save the kernel
* pushes is in the cache when it pops it). No DBE: data burst fills cost three more
* transfers per miss, and the kernel's data accesses (TTE fields, vectors, frames) rarely
* use the rest of the line; measured in docs/kernel.md ("Caches"). CEI (2) clears the
* I-cache entry CAAR names; CI (3) clears the whole I-cache. Both leave the enable bits
* as written. Device registers are never cached: the board asserts cache-inhibit for the
* device page (and the MMU's descriptors for it carry CI as well, mmu.s). WA also keeps
* the kernel's 1:1 view of user buffers coherent: a write from either function code
* takes the line over, so no copy tagged with the other one survives it. The disk's DMA
* writes memory behind the cache: disk_io clears the D-cache (CACR_CD) after a read.
CACR_ON         equ     $2111
CACR_CEI        equ     CACR_ON+4
CACR_CI         equ     CACR_ON+8
CACR_CD         equ     CACR_ON+$800    ; clears the whole D-cache (after a disk read's DMA)
ICLR_MAX        equ     64              ; icache_clear: CEI per long word below this many
                                        ; bytes, one CI from here (a CEI costs about 10
                                        ; clocks a byte written; the refill after a CI
                                        ; is paid by whatever runs next)
SR_KERNEL       equ     $2700           ; supervisor, interrupts masked
SR_USER         equ     $0000           ; user mode, all interrupts
TIMER_QUANTUM   equ     20000           ; clocks per time slice (0.8 ms at 25 MHz)

* ---- memory layout (physical; the MMU maps the kernel 1:1) ----
KDATA           equ     $30000          ; kernel variables, KPT, routine table
SYNMEM          equ     $40000          ; code memory for synthesized routines
SYNMEM_END      equ     $7FC00
SYNTEST_AREA    equ     $7FC00          ; 256-byte scratch for K_SYNTEST
TTEBASE         equ     $80000          ; TTE n at TTEBASE + n*TTE_SIZE
TTE_SIZE        equ     $1000
MAXTHREADS      equ     16
PT_AREA         equ     $A0000          ; MMU tables: one tree per address space
USERBASE        equ     $100000         ; user program n's 64 KiB region
USERSIZE        equ     $10000
ULIB            equ     $F0000          ; user-level stubs, shared by every program

* ---- thread table entry ----
TTE_VEC         equ     $000            ; the thread's own vector table (VBR points here)
TTE_REGS        equ     $400            ; d0-d7/a0-a6, 60 bytes
TTE_USP         equ     $43C
TTE_SSP         equ     $440            ; kernel stack pointer while switched out
TTE_NEXT        equ     $444            ; ready ring, as data (the code has it as jmp)
TTE_PREV        equ     $448
TTE_ID          equ     $44C
TTE_STATE       equ     $450            ; TS_FREE / TS_READY / TS_SUSP / TS_DEAD
TTE_AS          equ     $454            ; address space: the CRP value's address
TTE_SWOUT       equ     $458            ; addresses of the synthesized switch code
TTE_SWIN        equ     $45C
TTE_SWINM       equ     $460
TTE_UBASE       equ     $464            ; user region: base and size (pointer checks)
TTE_USIZE       equ     $468
TTE_FLINE       equ     $46C            ; F-line traps this thread took
TTE_FPSAVES     equ     $470            ; times its FP context was saved
TTE_FPVALID     equ     $474            ; its FP context is in the TTE
TTE_TRAPS       equ     $478            ; cached traps in use (bit n = trap n)
TTE_NAME        equ     $47C
TTE_SLEEPCHK    equ     $480            ; its sleepchk routine while it sleeps, else 0
TTE_SLEEPRT     equ     $484            ; that routine's record
TTE_FPREGS      equ     $490            ; fp0-fp7, 96 bytes
TTE_FPCTL       equ     $4F0            ; fpcr/fpsr/fpiar
TTE_FSAVE       equ     $500            ; the 68882's internal state frame
TTE_CODE        equ     $600            ; sw_out, sw_in, sw_in_mmu live here
TTE_STACK       equ     $1000           ; kernel stack top (grows down to $800)

TS_FREE         equ     0
TS_READY        equ     1
TS_SUSP         equ     2
TS_DEAD         equ     3
TS_DISK         equ     4               ; blocked in the kernel on the disk (kernel/disk.s)

* ---- file descriptors (kernel/fs.s): per thread, in the TTE's free space ----
* TTE_FDTAB: NFD entries of 8 bytes, the fd's read and write entry points (synthesized
* for the open file, or fd_badf when closed); TTE_FDOF: NFD longs, the open file.
NFD             equ     16
TTE_FDTAB       equ     $6A0            ; ($600 + 154 bytes of switch code = $69A)
TTE_FDOF        equ     $720            ; .. $75F; the kernel stack stays above $800

* ---- kernel procedure table indices (d2 of the user stub) ----
K_NULL          equ     0               ; returns 0: the null kernel call
K_PUTC          equ     1               ; d0 = character
K_GETC          equ     2               ; d0 <- character or -1
K_WRITE         equ     3               ; a0 = buffer, d1 = length (checked)
K_YIELD         equ     4
K_EXIT          equ     5
K_SUSPEND       equ     6               ; d0 = thread id
K_RESUME        equ     7               ; d0 = thread id
K_CACHE         equ     8               ; d0 = procedure index, a0 = user stub
K_FLUSH         equ     9               ; a0 = address, d1 = length: clear I-cache
K_PUTDEC        equ     10              ; d0 printed in decimal
K_GETID         equ     11              ; d0 <- thread id
K_FPSTAT        equ     12              ; d0 <- F-line traps of this thread
K_MKFN          equ     13              ; d0 = B: synthesize f(A)=A*A+A*B+B*B -> d0 = index
K_RMFN          equ     14              ; d0 = index: invalidate it
K_CLOCK         equ     15              ; d0 <- CLOCK_LO
K_MKBUF         equ     16              ; a0 = buffer (64 KiB aligned), d1 = size -> d0 = put index
K_SYNTEST       equ     17              ; d0 = A -> d0, d1: a synthesized f(A) before/after a re-fill
K_SLEEP         equ     18              ; d0 = clocks: leave the CPU at least that long
K_CREATE        equ     19              ; a0 = entry in the caller's region -> d0 = new thread id
K_NSTATIC       equ     20
K_OPEN          equ     20              ; a0 = path, d0 = flags -> d0 = fd (kernel/fs.s)
K_CREAT         equ     21              ; a0 = path, d0 = mode (ignored) -> d0 = fd
K_READ          equ     22              ; d0 = fd, a0 = buffer, d1 = count -> d0 = bytes
K_FWRITE        equ     23              ; d0 = fd, a0 = buffer, d1 = count -> d0 = bytes
K_CLOSE         equ     24              ; d0 = fd -> 0
K_LSEEK         equ     25              ; d0 = fd, d1 = offset, a1 = whence -> d0 = position
K_MULTI         equ     30              ; a0 = list, d0 = entries: a multi-call (docs/multicall.md)
K_MLOOP         equ     31              ; a0 = list, d0 = entries, d1 = passes: a looped multi-call
KPT_SIZE        equ     64              ; 18..63: synthesized procedures
KPT_FIRSTDYN    equ     32
E_BAD           equ     -1              ; the error return
E_MCLIST        equ     -100            ; multi-call: bad list pointer, count or pass bound
E_MCSEL         equ     -101            ; multi-call: a selector a list may not hold
E_MCREF         equ     -102            ; multi-call: a reference to a later entry
MC_SYNTH        equ     $100            ; K_MULTI's count + this: synthesize the list
MC_ARG          equ     31              ; a synthesized list's reference: the caller's register
MC_D3           equ     20              ; references 20..24: the caller's d3..d7
* the file calls' errors (kernel/fs.s, docs/kernel.md): negated Unix numbers
E_NOENT         equ     -2              ; no such file
E_IO            equ     -5              ; the disk reported an error
E_BADF          equ     -9              ; not an open fd (or not open for that access)
E_NOMEM         equ     -12             ; no file buffer memory or code memory left
E_FAULT         equ     -14             ; a pointer or count outside the caller's region
E_NODEV         equ     -19             ; no disk, or no QFS on it
E_INVAL         equ     -22             ; bad flags, whence or offset
E_NFILE         equ     -23             ; the kernel's open-file table is full
E_MFILE         equ     -24             ; the thread's fd table is full
E_NOSPC         equ     -28             ; no room on the disk (or in the directory)
E_NAMETOOLONG   equ     -36             ; a name longer than 20 characters, or empty

* ---- kernel variables (in KDATA) ----
current         equ     KDATA+$00       ; the running thread's TTE ("Current")
fp_owner        equ     KDATA+$04       ; TTE whose FP context is in the 68882, or 0
nthreads        equ     KDATA+$08       ; threads created
nready          equ     KDATA+$0C       ; threads in the ready ring
syn_brk         equ     KDATA+$10       ; next free byte of SYNMEM
syn_free        equ     KDATA+$14       ; free list of synthesized blocks
clk_cal         equ     KDATA+$18       ; clocks of an empty CLOCK bracket
nroutines       equ     KDATA+$1C
fline_total     equ     KDATA+$20
fpsave_total    equ     KDATA+$24
nswitch_patch   equ     KDATA+$28       ; jmp operands re-patched
boot_ssp        equ     KDATA+$2C
kill_count      equ     KDATA+$30
kpt             equ     KDATA+$100      ; KPT_SIZE longs
kpt_rt          equ     KDATA+$200      ; KPT_SIZE longs: routine record of a synthesized entry
rtab            equ     KDATA+$300      ; routine records, RT_SIZE bytes each
RT_ADDR         equ     0
RT_SIZE_B       equ     4               ; size in bytes (word)
RT_TMPL         equ     6               ; template index (word)
RT_REFS         equ     8
RT_CLOCKS       equ     12
RT_OWNER        equ     16              ; thread id, or -1 for the kernel
RT_LINK         equ     20              ; next freed record (rt_free) once the table is full
RT_SIZE         equ     24
RT_MAX          equ     96
syn_reported    equ     KDATA+$34       ; routine records already printed
rq_anchor       equ     KDATA+$38       ; where the next thread joins the ring at boot
rt_free         equ     KDATA+$7C       ; freed routine records (reused once rtab is full)
tmpl_ptr        equ     KDATA+$C00      ; TMPL_MAX longs: each template record (syn_init)
TMPL_MAX        equ     64
