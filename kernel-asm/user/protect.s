* protect.s: protection. Each misbehaving thread is stopped (its fault kills it; the
* kernel prints which vector) while the well-behaved threads finish and the kernel
* halts cleanly: a read of kernel memory, a write to the KPT, a jump into kernel code,
* a read of another program's region, a write into the (read-only) stub library, and
* a privileged instruction. A bad pointer passed to a kernel call only gets the error.

user_threads:   dc.l    good1,USERBASE,n_good1
                dc.l    reader,USERBASE+USERSIZE,n_reader
                dc.l    kptw,USERBASE+2*USERSIZE,n_kptw
                dc.l    jumper,USERBASE+3*USERSIZE,n_jumper
                dc.l    snoop,USERBASE+4*USERSIZE,n_snoop
                dc.l    ulibw,USERBASE+5*USERSIZE,n_ulibw
                dc.l    priv,USERBASE+6*USERSIZE,n_priv
                dc.l    badptr,USERBASE+7*USERSIZE,n_badptr
                dc.l    good2,USERBASE+8*USERSIZE,n_good2
                dc.l    0
n_good1:        dc.b    "good1",0
n_reader:       dc.b    "reader",0
n_kptw:         dc.b    "kptwriter",0
n_jumper:       dc.b    "jumper",0
n_snoop:        dc.b    "snoop",0
n_ulibw:        dc.b    "ulibwriter",0
n_priv:         dc.b    "privileged",0
n_badptr:       dc.b    "badpointer",0
n_good2:        dc.b    "good2",0
                even

goodthread      macro
                moveq   #1,d7
l\@:            lea     m\@(pc),a0
                move.l  d7,d0
                jsr     u_line
                jsr     u_yield
                addq.l  #1,d7
                cmp.l   #3,d7
                bls.s   l\@
                jsr     u_exit
m\@:            dc.b    \1,0
                even
                endm

                org     USERBASE
good1:          goodthread "good1: line "
                org     USERBASE+USERSIZE
reader:         move.l  $1000,d0                ; kernel code, as data
                jsr     u_exit
                org     USERBASE+2*USERSIZE
kptw:           move.l  #u_null,kpt+4*K_YIELD   ; hijack a KPT entry
                jsr     u_exit
                org     USERBASE+3*USERSIZE
jumper:         jmp     k_null                  ; straight into the kernel
                org     USERBASE+4*USERSIZE
snoop:          move.l  good1,d0                ; another program's region
                jsr     u_exit
                org     USERBASE+5*USERSIZE
ulibw:          move.w  #$4E75,u_yield          ; patch the shared stubs
                jsr     u_exit
                org     USERBASE+6*USERSIZE
priv:           moveq   #0,d0
                movec   d0,vbr
                jsr     u_exit
                org     USERBASE+7*USERSIZE
badptr:         lea     $30000,a0               ; a kernel address as a buffer
                moveq   #8,d1
                jsr     u_write
                lea     m_bad(pc),a0
                jsr     u_line
                jsr     u_exit
m_bad:          dc.b    "badpointer: write of a kernel address returned ",0
                even
                org     USERBASE+8*USERSIZE
good2:          goodthread "good2: line "
