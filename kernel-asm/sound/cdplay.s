* cdplay.s: a standalone interrupt-driven CD player for `quamachine play` (issue 6).
* It turns on CD-IN and DA-OUT and sleeps in STOP; the Sound-IO interrupt (level 5,
* autovectored, 44100 a second) moves each CD frame into a ring buffer and plays the
* frame it just stored through DA-OUT. Everything happens in the handler, written in
* the style of the dissertation's Figure 3.6 (hand assembler): it saves only a0 and
* tests every channel's flag, branching around the inactive ones. The host decides when
* the music is over; the program never halts by itself.
*
* Latency: the frame read from CD_DATA in the handler of frame period n is written to
* DA_DATA in the same handler and played at period n+1, so DA-OUT is the CD stream one
* frame (22.7 us) late, with one frame of silence first.
*
* A later kernel replaces this with its synthesized driver (Figure 3.5).

SOUND_CONTROL   equ     $FFFF0100       ; bit 0 CD-IN, bit 1 AD-IN, bit 2 DA-OUT
SOUND_STATUS    equ     $FFFF0104
SOUND_CD_DATA   equ     $FFFF0108
SOUND_AD_DATA   equ     $FFFF010C
SOUND_DA_DATA   equ     $FFFF0110
SOUND_OVERRUN   equ     $FFFF0114
CONSOLE_TX      equ     $FFFF0000
HALT            equ     $FFFF0010

CTL_CD          equ     1
CTL_AD          equ     2
CTL_DA          equ     4
RING            equ     1024            ; frames in each ring buffer
CACR_I          equ     $0011           ; instruction cache on, burst fills

* ---- the vector table, at 0 (VBR 0) ----
                section text
                org     $0
vectors:        dc.l    0               ;  0: reset SSP (the board sets SSP)
                dc.l    start           ;  1: reset PC
                dcb.l   22,fault        ;  2-23: bus error .. unassigned
                dc.l    fault           ; 24: spurious interrupt
                dcb.l   4,fault         ; 25-28: autovectors 1-4
                dc.l    sound_intr      ; 29: autovector 5, Sound-IO
                dcb.l   2,fault         ; 30-31: autovectors 6-7
                dcb.l   224,fault       ; 32-255: traps, FPU, MMU, user vectors

                org     $1000
start:          move.w  #$2700,sr
                moveq   #0,d0
                movec   d0,vbr
                move.l  #CACR_I,d0
                movec   d0,cacr
                move.l  #cd_ring,cd_buf
                move.l  #RING,cd_cnt
                move.l  #cd_ring,da_buf ; DA plays the frame CD-IN just stored
                move.l  #RING,da_cnt
                move.l  #ad_ring,ad_buf
                move.l  #RING,ad_cnt
                move.b  #1,cd_active
                move.b  #1,da_active
                move.l  #CTL_CD|CTL_DA,SOUND_CONTROL
idle:           stop    #$2000          ; supervisor, every interrupt level admitted
                bra.s   idle

* ---- the Sound-IO interrupt: Figure 3.6 ----
sound_intr:     move.l  a0,-(sp)        ; the only register used
                tst.b   cd_active       ; CD-IN: the frame into the ring
                beq.s   .cd_no
                move.l  cd_buf,a0
                move.l  SOUND_CD_DATA,(a0)+
                move.l  a0,cd_buf
                subq.l  #1,cd_cnt
                beq.s   .cd_wrap
.cd_no:         tst.b   ad_active       ; AD-IN: the same, into its own ring
                beq.s   .ad_no
                move.l  ad_buf,a0
                move.l  SOUND_AD_DATA,(a0)+
                move.l  a0,ad_buf
                subq.l  #1,ad_cnt
                beq.s   .ad_wrap
.ad_no:         tst.b   da_active       ; DA-OUT: the next frame from the ring
                beq.s   .da_no
                move.l  da_buf,a0
                move.l  (a0)+,SOUND_DA_DATA
                move.l  a0,da_buf
                subq.l  #1,da_cnt
                beq.s   .da_wrap
.da_no:         move.l  (sp)+,a0
                rte
.cd_wrap:       move.l  #cd_ring,cd_buf ; ring full: start over
                move.l  #RING,cd_cnt
                bra.s   .cd_no
.ad_wrap:       move.l  #ad_ring,ad_buf
                move.l  #RING,ad_cnt
                bra.s   .ad_no
.da_wrap:       move.l  #cd_ring,da_buf
                move.l  #RING,da_cnt
                bra.s   .da_no

* ---- anything else is a bug: say so and halt with 255 ----
fault:          move.w  #$2700,sr
                lea     fault_msg(pc),a0
                moveq   #0,d0
.loop:          move.b  (a0)+,d0
                beq.s   .done
                move.l  d0,CONSOLE_TX
                bra.s   .loop
.done:          move.l  #255,HALT
.hang:          bra.s   .hang

fault_msg:      dc.b    "cdplay: unexpected exception",10,0
                even

                section data
cd_active:      dc.b    0
ad_active:      dc.b    0
da_active:      dc.b    0
                even
cd_buf:         dc.l    0
cd_cnt:         dc.l    0
ad_buf:         dc.l    0
ad_cnt:         dc.l    0
da_buf:         dc.l    0
da_cnt:         dc.l    0

                section bss
cd_ring:        ds.l    RING
ad_ring:        ds.l    RING
