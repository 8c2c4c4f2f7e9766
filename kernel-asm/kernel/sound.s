* sound.s: the Sound-IO driver (issue 6; ../shared/quamachine.md "Sound-IO"). Owns the
* level-5 interrupt handler, synthesized for the active channel set (section 3.3.3,
* Figure 3.5): a0 is the only register saved, and each active channel's code is laid one
* after another between the save and the restore: DA-OUT's frame out, CD-IN's frame in,
* then DA-OUT's pointer advance (each channel's frame moves before any block-end path). The handler
* lives at a fixed place (snd_handler, the level-5 autovector of every vector table) and
* is rewritten in place, with its I-cache lines cleared, whenever a channel is turned on
* or off (snd_build). Also owns the devices cd (K_CDREAD) and speaker (K_SPKWRITE, and
* K_SNDCTL to set the channels): reads and writes of whole blocks that block the calling
* thread (out of the ready ring, TS_SUSP) and are woken from the interrupt handler
* (waitchk), and the driver's counters.
*
* Buffers. Each channel has a ring of SND_NB blocks of SND_BLOCK bytes (1024 frames).
* The handler moves a frame with the P+D trick of Figure 3.2: P (a kernel variable)
* starts each block with its low word at -SND_BLOCK, the frame goes to P+D with D fixed
* at SND_BLOCK, and "addq.w #4" of P's low word both advances and tests for the block's
* end. Block k of a ring is at base + k*$10000, so that P's low word always starts at the
* same value. A full CD block wakes the reader; when the reader is a whole ring behind,
* the newest block is written again and counted in cd_lost (never dropped silently).
* A played DA block wakes the writer; with nothing written the speaker plays a block of
* silence, counted in da_under.
*
* Must not: touch the ready ring unless the timer's switch is kept out (mask 7, or
* mask 4 in a thread whose timer vector is its tmrgate), or run the handler's slow paths
* (cd_done, da_done) with any register other than a0 unsaved. Uses KPT 26-29, KDATA
* $2800-$29FF and RAM $F00000-$F80FFF (above the file windows of fs.s).

SOUND_CONTROL   equ     $FFFF0100               ; bit 0 CD-IN, 1 AD-IN, 2 DA-OUT
SOUND_STATUS    equ     $FFFF0104
SOUND_CD_DATA   equ     $FFFF0108
SOUND_DA_DATA   equ     $FFFF0110
SOUND_OVERRUN   equ     $FFFF0114
SND_CD          equ     1
SND_DA          equ     4

K_CDREAD        equ     26                      ; a0 = buffer, d1 = SND_BLOCK -> d0
K_SPKWRITE      equ     27                      ; a0 = buffer, d1 = SND_BLOCK -> d0
K_SNDCTL        equ     28                      ; d0 = channels (SND_CD|SND_DA)
K_IDLE          equ     29                      ; wait in STOP for the next interrupt

SND_BLOCK       equ     4096                    ; bytes: 1024 frames, 23.2 ms
SND_NB          equ     4                       ; blocks per ring
SND_PREROLL     equ     2                       ; blocks written before DA-OUT starts
SND_D           equ     SND_BLOCK               ; D of the P+D move
CDBUF           equ     $F00000                 ; CD ring: block k at CDBUF + k*$10000
DABUF           equ     $F40000                 ; DA ring
SILENCE         equ     $F80000                 ; one block of zeros
SND_HANDLER_MAX equ     128                     ; bytes reserved for the handler

* driver variables, in KDATA after the kernel's own
snd_chan        equ     KDATA+$2800               ; active channels
cd_p            equ     KDATA+$2804               ; P of CD-IN
da_p            equ     KDATA+$2808               ; P of DA-OUT
cd_wr           equ     KDATA+$280C               ; block the handler fills
cd_rd           equ     KDATA+$2810               ; oldest block not yet read
cd_filled       equ     KDATA+$2814               ; full blocks not yet read
cd_waiter       equ     KDATA+$2818               ; nonzero: the reader is blocked
cd_lost         equ     KDATA+$281C               ; blocks written again: the reader was late
da_wr           equ     KDATA+$2820
da_rd           equ     KDATA+$2824
da_filled       equ     KDATA+$2828
da_waiter       equ     KDATA+$282C
da_under        equ     KDATA+$2830               ; silence blocks played: the writer was late
da_silent       equ     KDATA+$2834               ; the block playing is the silence block
snd_builds      equ     KDATA+$2838               ; handler rewrites
cd_blocks       equ     KDATA+$283C               ; CD blocks completed
snd_handler     equ     KDATA+$2840               ; the synthesized handler (SND_HANDLER_MAX)
cd_wchk         equ     KDATA+$2900             ; the reader's waitchk: code, owner, record
da_wchk         equ     KDATA+$290C             ; the writer's

* ---- the templates the handler is made of ----
* The save: Figure 3.5's first instruction.
                template snd_head
                move.l  a0,-(sp)
                endt
* CD-IN: the frame into P+D. Holes: p, d, p2 (P's low word), done.
                template snd_cd
                movea.l @p,a0
                move.l  SOUND_CD_DATA,(@d,a0)
                addq.w  #4,@p2
                bne.s   .more
                jsr     @done                   ; the block is full
.more:
                endt
* DA-OUT, in two pieces: the next frame out from Q+E (first in the handler) ...
* Holes: q, e.
                template snd_da
                movea.l @q,a0
                move.l  (@e,a0),SOUND_DA_DATA
                endt
* ... and Q's advance (last), so that neither channel's block-end path (cd_done,
* da_done) stands between the interrupt and the other channel's frame. Holes: q2, done.
                template snd_da_adv
                addq.w  #4,@q2
                bne.s   .more
                jsr     @done                   ; the block is played
.more:
                endt
* tmrgate: a thread's timer vector in an image with the driver (snd_gates). A tick that
* lands in the Sound-IO handler (supervisor, mask 5) or in the driver's ring work
* (supervisor, mask 4: Sound-IO admitted, see snd_block and snd_wakeup) must not switch
* threads there: the handler would sit unfinished for a whole time slice, and the ring
* work is not reentrant. That tick is acknowledged and dropped (the thread keeps the CPU
* one slice longer). Holes: swout (the thread's own sw_out).
                template tmrgate
                cmpi.b  #$25,(sp)               ; the interrupted SR: S, mask 5
                beq.s   .drop
                cmpi.b  #$24,(sp)               ; S, mask 4
                beq.s   .drop
                jmp     @swout
.drop:          move.l  #1,TIMER_ACK
                rte
                endt

* waitchk: a thread blocked in K_CDREAD or K_SPKWRITE stays in the ready ring as data,
* like a sleeper (thread.s, sleepchk): its predecessor's jmp leads here. The handler
* wakes it by clearing the flag, one store at level 5; the next switch towards it runs
* it (wake_sleeper). The "not yet" jmp's operand sits where sleepchk has its own, so
* rq_link keeps it current. It first lets a pending Sound-IO interrupt in, since when
* every thread in the ring waits the waitchks are the idle loop. Holes: flag, tte, next.
                template waitchk
                move.w  #$2400,sr               ; a frame pending comes in here: when
                move.w  #$2700,sr               ; every thread waits, this is the idle loop
                tst.l   @flag
                bne.s   .notyet
                movea.l #@tte,a0
                jmp     snd_wakeup
                dcb.b   sleepchk.next-2-(*-waitchk),0
.notyet:        jmp     @next
                endt

* snd_wakeup: a0 = a woken thread's TTE (from its waitchk, on the switch path, nothing
* to keep). As wake_sleeper, but the ring work runs at mask 4 so that Sound-IO frames
* keep flowing (tmrgate drops a tick meanwhile); the record is never freed (in place).
snd_wakeup:     move.w  #$2400,sr
                movea.l a0,a3
                clr.l   TTE_SLEEPCHK(a3)
                movea.l TTE_PREV(a3),a0
                bsr     rq_link
                ori.w   #$0700,sr
                movea.l TTE_SWINM(a3),a0
                jmp     (a0)

* The restore and return.
                template snd_tail
                movea.l (sp)+,a0
                rte
                endt

* snd_init: at boot, no channel on, the silence block cleared, the handler made for the
* empty set, the driver's kernel calls in the KPT.
snd_init:       lea     SILENCE,a0
                move.w  #SND_BLOCK/4-1,d0
.z:             clr.l   (a0)+
                dbra    d0,.z
                move.l  #k_cdread,kpt+K_CDREAD*4
                move.l  #k_spkwrite,kpt+K_SPKWRITE*4
                move.l  #k_sndctl,kpt+K_SNDCTL*4
                move.l  #k_idle,kpt+K_IDLE*4
                moveq   #0,d0
                bra     snd_set

* snd_gates: after the boot threads exist, each one's timer vector goes through its
* own synthesized tmrgate. (Threads made later by K_CREATE keep the bare sw_out.)
snd_gates:      movem.l d3/a3,-(sp)
                movea.l #TTEBASE,a3
                move.l  nthreads,d3
                bra.s   .n
.t:             move.l  TTE_SWOUT(a3),-(sp)     ; hole: swout
                moveq   #tmrgate_index,d0
                movea.l sp,a0
                suba.l  a1,a1
                bsr     syn_make
                addq.l  #4,sp
                move.l  TTE_ID(a3),RT_OWNER(a1)
                move.l  a0,30*4(a3)
                adda.l  #TTE_SIZE,a3
.n:             dbra    d3,.t
                movem.l (sp)+,d3/a3
                rts

* K_IDLE: wait for the next interrupt in STOP (all levels admitted); the idle thread's
* loop, so that an idle machine costs the host nothing.
k_idle:         stop    #$2000
                moveq   #0,d0
                rts

* snd_set: d0 = the new channel set (interrupts masked). Rings of channels turned on
* start empty; the handler is rewritten for the set and the device told. Trashes
* d0-d2/a0-a2.
snd_set:        move.l  d0,d1
                move.l  snd_chan,d2
                not.l   d2
                and.l   d2,d1                   ; channels turned on now
                btst    #0,d1
                beq.s   .cd
                clr.l   cd_wr
                clr.l   cd_rd
                clr.l   cd_filled
                move.l  #CDBUF-SND_D,cd_p
.cd:            btst    #2,d1
                beq.s   .da
                move.l  da_rd,d1                ; play what was written, or silence
                clr.l   da_silent
                tst.l   da_filled
                bne.s   .blk
                move.l  #1,da_silent
                move.l  #SILENCE-SND_D,da_p
                bra.s   .da
.blk:           swap    d1
                clr.w   d1
                addi.l  #DABUF-SND_D,d1
                move.l  d1,da_p
.da:            move.l  d0,snd_chan
                bsr     snd_build
                move.l  snd_chan,SOUND_CONTROL
                rts

* snd_build: lay the handler for snd_chan at snd_handler: the save, each active
* channel's code, the restore (syn_make clears the I-cache lines of each piece).
* Trashes d0-d2/a0-a2.
snd_build:      movem.l d3/a3,-(sp)
                addq.l  #1,snd_builds
                lea     snd_handler,a3
                lea     -16(sp),sp              ; hole values
                moveq   #snd_head_index,d0
                movea.l sp,a0
                movea.l a3,a1
                bsr     syn_make
                lea     snd_head_len(a3),a3
                btst    #2,snd_chan+3           ; DA-OUT's frame out first: it is due
                beq.s   .noda                   ; by the next period
                move.l  #da_p,(sp)              ; q, e
                move.l  #SND_D,4(sp)
                moveq   #snd_da_index,d0
                movea.l sp,a0
                movea.l a3,a1
                bsr     syn_make
                lea     snd_da_len(a3),a3
.noda:          btst    #0,snd_chan+3
                beq.s   .nocd
                move.l  #cd_p,(sp)              ; p, d, p2, done
                move.l  #SND_D,4(sp)
                move.l  #cd_p+2,8(sp)
                move.l  #cd_done,12(sp)
                moveq   #snd_cd_index,d0
                movea.l sp,a0
                movea.l a3,a1
                bsr     syn_make
                lea     snd_cd_len(a3),a3
.nocd:          btst    #2,snd_chan+3           ; DA-OUT's advance last
                beq.s   .noadv
                move.l  #da_p+2,(sp)            ; q2, done
                move.l  #da_done,4(sp)
                moveq   #snd_da_adv_index,d0
                movea.l sp,a0
                movea.l a3,a1
                bsr     syn_make
                lea     snd_da_adv_len(a3),a3
.noadv:         moveq   #snd_tail_index,d0
                movea.l sp,a0
                movea.l a3,a1
                bsr     syn_make
                lea     16(sp),sp
                movem.l (sp)+,d3/a3
                rts

* cd_done: a CD block is full (from the handler, level 5; only a0 is free).
cd_done:        movem.l d0-d2/a1/a3,-(sp)
                addq.l  #1,cd_blocks
                move.l  cd_filled,d0
                addq.l  #1,d0
                cmp.l   #SND_NB,d0
                blo.s   .adv
                addq.l  #1,cd_lost              ; every block unread: fill this one again
                move.l  cd_wr,d0
                bra.s   .p
.adv:           move.l  d0,cd_filled
                move.l  cd_wr,d0
                addq.l  #1,d0
                andi.l  #SND_NB-1,d0
                move.l  d0,cd_wr
.p:             swap    d0
                clr.w   d0
                addi.l  #CDBUF-SND_D,d0
                move.l  d0,cd_p
                clr.l   cd_waiter               ; the reader may run again
                movem.l (sp)+,d0-d2/a1/a3
                rts

* da_done: a DA block was played (level 5; only a0 is free).
da_done:        movem.l d0-d2/a1/a3,-(sp)
                tst.l   da_silent
                bne.s   .pick
                move.l  da_rd,d0                ; that block is free again
                addq.l  #1,d0
                andi.l  #SND_NB-1,d0
                move.l  d0,da_rd
                subq.l  #1,da_filled
                clr.l   da_waiter               ; the writer may run again
.pick:          move.l  da_filled,d0
                beq.s   .silence
                clr.l   da_silent
                move.l  da_rd,d0
                swap    d0
                clr.w   d0
                addi.l  #DABUF-SND_D,d0
                move.l  d0,da_p
                bra.s   .out
.silence:       move.l  #1,da_silent
                addq.l  #1,da_under
                move.l  #SILENCE-SND_D,da_p
.out:           movem.l (sp)+,d0-d2/a1/a3
                rts

* snd_block: a0 = a waiter flag, a1 = the device's waitchk record (address, owner),
* interrupts masked, inside a kernel call, reached by bra (the dispatcher's return
* address on top of the stack). The caller stays in the ring as data behind a waitchk
* on the flag (synthesized once per device and thread, in place afterwards) and switches
* out synchronously; its call returns 0 (call again). While another thread waits on the
* same device the call fails (-1): one waiter per device.
snd_block:      move.l  4(a1),d0                ; another thread still waits on this
                beq.s   .free                   ; device (its waitchk in the ring)?
                cmp.l   current,d0
                beq.s   .free
                movea.l d0,a2
                move.l  TTE_SLEEPCHK(a2),d0
                cmp.l   (a1),d0
                bne.s   .free
                moveq   #E_BAD,d0               ; busy: one waiter per device
                rts
.free:          move.l  #1,(a0)                 ; blocked until the handler clears it
                move.w  #$2400,sr               ; Sound-IO may run meanwhile (tmrgate)
                movem.l d3/a3,-(sp)
                movea.l current,a3
                cmpa.l  4(a1),a3                ; a waitchk for this thread already?
                beq.s   .have
                move.l  a3,4(a1)
                move.l  (a1),d0                 ; its code block (made once)
                bne.s   .blk
                move.l  a0,-(sp)
                move.l  a1,-(sp)
                moveq   #waitchk_len,d0
                bsr     syn_alloc
                movea.l a1,a2
                movea.l (sp)+,a1
                move.l  a2,(a1)
                movea.l (sp)+,a0
.blk:           lea     -12(sp),sp              ; holes: flag, tte, next
                move.l  a0,(sp)
                move.l  a3,4(sp)
                move.l  #k_invalid,8(sp)        ; (rq_link sets it)
                move.l  a1,-(sp)
                moveq   #waitchk_index,d0
                lea     4(sp),a0
                movea.l (a1),a1                 ; in place: the record says "never freed"
                bsr     syn_make
                movea.l (sp)+,a0
                move.l  a1,8(a0)                ; its routine record
                lea     12(sp),sp
                movea.l a0,a1
.have:          move.l  (a1),TTE_SLEEPCHK(a3)
                move.l  8(a1),TTE_SLEEPRT(a3)
                movea.l TTE_PREV(a3),a0         ; the predecessor now checks first
                bsr     rq_link
                movea.l a3,a0                   ; and waitchk's own way on
                bsr     rq_link
                ori.w   #$0700,sr
                movea.l a3,a0
                movem.l (sp)+,d3/a3
                addq.l  #4,sp                   ; resume straight to the user (rte)
                bsr     save_sync
                movea.l TTE_SWOUT(a0),a1
                jmp     sw_out.next-2(a1)

* K_CDREAD: a0 = buffer, d1 = SND_BLOCK. Turns CD-IN on if it is off. d0 <- SND_BLOCK
* with the oldest full block copied into the buffer, or 0 after the thread blocked
* until one was full (call again), or -1 for a bad buffer or while another thread
* waits on the device.
k_cdread:       ori.w   #$0700,sr
                cmp.l   #SND_BLOCK,d1
                bne.w   .bad
                bsr     check_ptr
                bne.w   .bad
                btst    #0,snd_chan+3
                bne.s   .on
                move.l  a0,-(sp)
                move.l  snd_chan,d0
                ori.l   #SND_CD,d0
                bsr     snd_set
                movea.l (sp)+,a0
.on:            tst.l   cd_filled
                bne.s   .copy
                lea     cd_waiter,a0
                lea     cd_wchk,a1
                bra     snd_block
.copy:          move.l  cd_rd,d0
                swap    d0
                clr.w   d0
                addi.l  #CDBUF,d0
                movea.l d0,a1
                move.w  #$2400,sr               ; the copy lets Sound-IO (and the timer) in:
                move.w  #SND_BLOCK/4-1,d0       ; the handler never writes an unread block
.c:             move.l  (a1)+,d1
                moves.l d1,(a0)+
                dbra    d0,.c
                ori.w   #$0700,sr
                move.l  cd_rd,d0
                addq.l  #1,d0
                andi.l  #SND_NB-1,d0
                move.l  d0,cd_rd
                subq.l  #1,cd_filled
                move.l  #SND_BLOCK,d0
                rts
.bad:           moveq   #E_BAD,d0
                rts

* K_SPKWRITE: a0 = buffer, d1 = SND_BLOCK. Copies it into the speaker's ring and turns
* DA-OUT on if it is off and SND_PREROLL blocks are waiting. d0 <- SND_BLOCK, or 0 after the thread blocked until a block
* was free (call again), or -1 for a bad buffer or while another thread waits on the
* device.
k_spkwrite:     ori.w   #$0700,sr
                cmp.l   #SND_BLOCK,d1
                bne.w   .bad
                bsr     check_ptr
                bne.w   .bad
                cmpi.l  #SND_NB,da_filled
                blo.s   .copy
                lea     da_waiter,a0
                lea     da_wchk,a1
                bra     snd_block
.copy:          move.l  da_wr,d0
                swap    d0
                clr.w   d0
                addi.l  #DABUF,d0
                movea.l d0,a1
                move.w  #$2400,sr               ; the handler never reads a free block
                move.w  #SND_BLOCK/4-1,d0
.c:             moves.l (a0)+,d1
                move.l  d1,(a1)+
                dbra    d0,.c
                ori.w   #$0700,sr
                move.l  da_wr,d0
                addq.l  #1,d0
                andi.l  #SND_NB-1,d0
                move.l  d0,da_wr
                addq.l  #1,da_filled
                btst    #2,snd_chan+3
                bne.s   .on
                cmpi.l  #SND_PREROLL,da_filled  ; DA-OUT starts with two blocks in hand,
                blo.s   .on                     ; so one late wake-up cannot starve it
                move.l  snd_chan,d0
                ori.l   #SND_DA,d0
                bsr     snd_set
.on:            move.l  #SND_BLOCK,d0
                rts
.bad:           moveq   #E_BAD,d0
                rts

* K_SNDCTL: d0 = the channel set (SND_CD | SND_DA); the handler is rewritten for it.
k_sndctl:       ori.w   #$0700,sr
                andi.l  #SND_CD|SND_DA,d0
                bsr     snd_set
                moveq   #0,d0
                rts
