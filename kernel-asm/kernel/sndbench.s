* sndbench.s: Table 3.4 (Sound-IO interrupt processing) for the benchmark image. Owns
* the baseline handlers that the synthesized one (kernel/sound.s) is measured against,
* all in this image and run on the same device:
*  - hand_intr, Figure 3.6: hand assembler, a0 saved only, a test and branch for every
*    channel (CD, AD, DA), pointer and count kept in memory;
*  - c_intr, Figure 3.7: the assembly dispatch that saves d0-d2/a0-a2 (what a C call may
*    clobber) around a call of c_sound_intr, which is sound_intr() as "cc -O" compiles it
*    for the 68020 (frame pointer kept: link/unlk; the ports are pointer variables);
*  - unix_intr: the same procedure dispatched the way Unix does: every integer register
*    saved, the handler found through a table by the vector number of the exception
*    frame, a reschedule check before the return;
* and snd_bench, called by kbench_boot (timer not started yet), which measures each:
* with the level-5 vector pointing at the handler and interrupts masked, it waits until
* the device has a frame due, opens the region, lowers the mask (move.w #$2400,sr: the
* interrupt is taken right after), and closes the region on return. Regions (warm N,
* cold N+50: the I-cache cleared with CI before the sample):
*   140 the bracket alone (move.w to SR, no interrupt pending), subtracted by the bench
*   141 null interrupt (the handler only drops the level: move.w #$2700,(sp); rte, since
*       the line stays asserted until a channel's data register is touched)
*   142-145 CD-in: code synthesis, hand assembler, C, C with Unix dispatch
*   146-149 CD+DA: the same four
* Must not: run with the timer on, or leave the device on.

SB_N            equ     10                      ; samples per warm or cold region

* c-style and hand-style state (the kernel data area, cleared at boot)
hb_cd_active    equ     KDATA+$2A00             ; bytes: channel flags
hb_ad_active    equ     KDATA+$2A01
hb_da_active    equ     KDATA+$2A02
hb_cd_buf       equ     KDATA+$2A04             ; buffer pointers and counts
hb_cd_cnt       equ     KDATA+$2A08
hb_ad_buf       equ     KDATA+$2A0C
hb_ad_cnt       equ     KDATA+$2A10
hb_da_buf       equ     KDATA+$2A14
hb_da_cnt       equ     KDATA+$2A18
c_cd_port       equ     KDATA+$2A1C             ; C: volatile long *cd_port, ...
c_ad_port       equ     KDATA+$2A20
c_da_port       equ     KDATA+$2A24
unix_resched    equ     KDATA+$2A28             ; Unix: a reschedule is wanted
HB_RING         equ     $F90000                 ; the baselines' buffers (ring of 1024)
HB_AD_RING      equ     $F91000
HB_DA_RING      equ     $F92000

* ---- Figure 3.6: hand assembler ----
hand_intr:      move.l  a0,-(sp)                ; save register a0
                tst.b   hb_cd_active            ; is the CD device active?
                beq.s   .cd_no
                movea.l hb_cd_buf,a0            ; CD buffer pointer
                move.l  SOUND_CD_DATA,(a0)+     ; store CD data; increment pointer
                move.l  a0,hb_cd_buf
                subq.l  #1,hb_cd_cnt            ; buffer count
                beq.s   .cd_flush               ; ... full
.cd_no:         tst.b   hb_ad_active            ; is the AD device active?
                beq.s   .ad_no
                movea.l hb_ad_buf,a0
                move.l  SOUND_CD_DATA+4,(a0)+   ; AD_DATA
                move.l  a0,hb_ad_buf
                subq.l  #1,hb_ad_cnt
                beq.s   .ad_flush
.ad_no:         tst.b   hb_da_active            ; is the DA device active?
                beq.s   .da_no
                movea.l hb_da_buf,a0
                move.l  (a0)+,SOUND_DA_DATA
                move.l  a0,hb_da_buf
                subq.l  #1,hb_da_cnt
                beq.s   .da_flush
.da_no:         movea.l (sp)+,a0                ; restore register a0
                rte
.cd_flush:      move.l  #HB_RING,hb_cd_buf
                move.l  #1024,hb_cd_cnt
                bra.s   .cd_no
.ad_flush:      move.l  #HB_AD_RING,hb_ad_buf
                move.l  #1024,hb_ad_cnt
                bra.s   .ad_no
.da_flush:      move.l  #HB_DA_RING,hb_da_buf
                move.l  #1024,hb_da_cnt
                bra.s   .da_no

* ---- Figure 3.7: C, with its assembly dispatch ----
c_intr:         movem.l d0-d2/a0-a2,-(sp)
                bsr     c_sound_intr
                movem.l (sp)+,d0-d2/a0-a2
                rte

* sound_intr() { if (cd_active) { *cd_buf++ = *cd_port; if (--cd_cnt < 0) cd_flush(); }
*                if (ad_active) {...}  if (da_active) { *da_port = *da_buf++; ... } }
c_sound_intr:   link    a6,#0
                tst.b   hb_cd_active
                beq.s   .L1
                movea.l hb_cd_buf,a0
                movea.l c_cd_port,a1
                move.l  (a1),(a0)+
                move.l  a0,hb_cd_buf
                subq.l  #1,hb_cd_cnt
                bge.s   .L1
                jsr     c_cd_flush
.L1:            tst.b   hb_ad_active
                beq.s   .L2
                movea.l hb_ad_buf,a0
                movea.l c_ad_port,a1
                move.l  (a1),(a0)+
                move.l  a0,hb_ad_buf
                subq.l  #1,hb_ad_cnt
                bge.s   .L2
                jsr     c_ad_flush
.L2:            tst.b   hb_da_active
                beq.s   .L3
                movea.l hb_da_buf,a0
                movea.l c_da_port,a1
                move.l  (a0)+,(a1)
                move.l  a0,hb_da_buf
                subq.l  #1,hb_da_cnt
                bge.s   .L3
                jsr     c_da_flush
.L3:            unlk    a6
                rts
c_cd_flush:     move.l  #HB_RING,hb_cd_buf
                move.l  #1023,hb_cd_cnt
                rts
c_ad_flush:     move.l  #HB_AD_RING,hb_ad_buf
                move.l  #1023,hb_ad_cnt
                rts
c_da_flush:     move.l  #HB_DA_RING,hb_da_buf
                move.l  #1023,hb_da_cnt
                rts

* ---- the same, dispatched as Unix does ----
unix_intr:      movem.l d0-d7/a0-a6,-(sp)       ; every register
                move.w  15*4+6(sp),d0           ; the frame's format/vector word
                andi.w  #$0FFF,d0
                lsr.w   #2,d0                   ; the vector number
                lea     unix_ivec,a0
                movea.l (a0,d0.w*4),a0          ; its driver's handler
                jsr     (a0)
                tst.b   unix_resched            ; a reschedule on the way out?
                bne.s   .resched
                movem.l (sp)+,d0-d7/a0-a6
                rte
.resched:       clr.b   unix_resched            ; (never wanted here)
                movem.l (sp)+,d0-d7/a0-a6
                rte
unix_ivec:      dcb.l   29,0
                dc.l    c_sound_intr            ; 29: level 5, Sound-IO
                dcb.l   2,0

* ---- the null interrupt ----
null_intr:      move.w  #$2700,(sp)             ; return masked: the line is still up
                rte

* snd_bench: every Table 3.4 region (at boot, interrupts masked, VBR 0).
snd_bench:      movem.l d0-d7/a0-a6,-(sp)
                move.l  #SOUND_CD_DATA,c_cd_port
                move.l  #SOUND_CD_DATA+4,c_ad_port
                move.l  #SOUND_DA_DATA,c_da_port
                moveq   #0,d0                   ; 140: the bracket, nothing pending
                bsr     snd_set
                lea     null_intr,a0
                move.l  #140,d6
                moveq   #0,d5
                bsr     sb_measure
                moveq   #SND_CD,d5              ; CD-in
                move.l  #141,d6
                lea     null_intr,a0
                bsr     sb_group
                moveq   #SND_CD|SND_DA,d5       ; CD+DA
                move.l  #145,d6                 ; (the group's null slot is not used)
                lea     null_intr,a0
                bsr     sb_group
                moveq   #0,d0
                bsr     snd_set
                move.l  #k_fault,29*4           ; the boot table's level 5 as before
                move.l  #snd_handler,29*4
                movem.l (sp)+,d0-d7/a0-a6
                rts

* sb_group: d5 = channels, d6 = the region before the group's first (the null
* interrupt for CD-in: measured when d6 = 141). Synthesis, hand, C, Unix.
sb_group:       cmp.l   #141,d6
                bne.s   .nonull
                move.l  d5,d0
                bsr     snd_set
                lea     null_intr,a0
                bsr     sb_measure              ; 141: the null interrupt
.nonull:        addq.l  #1,d6
                move.l  d5,d0                   ; the kernel's handler for the set
                bsr     snd_set
                lea     snd_handler,a0
                bsr     sb_measure
                addq.l  #1,d6
                bsr     sb_flags                ; the baselines, on the same device
                lea     hand_intr,a0
                bsr     sb_measure
                addq.l  #1,d6
                bsr     sb_flags
                lea     c_intr,a0
                bsr     sb_measure
                addq.l  #1,d6
                bsr     sb_flags
                lea     unix_intr,a0
                bsr     sb_measure
                rts

* sb_flags: the baselines' state for the channels d5, rings at their start.
sb_flags:       btst    #0,d5
                sne     hb_cd_active
                clr.b   hb_ad_active
                btst    #2,d5
                sne     hb_da_active
                move.l  #HB_RING,hb_cd_buf
                move.l  #1000,hb_cd_cnt
                move.l  #HB_AD_RING,hb_ad_buf
                move.l  #1000,hb_ad_cnt
                move.l  #HB_DA_RING,hb_da_buf
                move.l  #1000,hb_da_cnt
                rts

* sb_measure: a0 = handler, d5 = channels on (0: none, the bracket alone), d6 = region.
* SB_N warm samples (the first warms the cache), then SB_N cold ones (region d6+50).
sb_measure:     move.l  a0,29*4                 ; the level-5 vector (VBR 0)
                moveq   #1,d4                   ; pass 1 warm, pass 0 cold
.pass:          moveq   #SB_N-1,d7
                move.l  d6,d3
                tst.l   d4
                bne.s   .s
                addi.l  #50,d3
.s:             tst.l   d5
                beq.s   .go
.wait:          move.l  SOUND_STATUS,d0         ; a frame due on every channel on
                cmp.l   d5,d0
                bne.s   .wait
.go:            tst.l   d4
                bne.s   .warm
                move.l  #CACR_CI,d0             ; cold: the I-cache cleared
                movec   d0,cacr
.warm:          move.l  d3,PROBE_START
                move.w  #$2400,sr               ; the interrupt is taken here
                move.l  d3,PROBE_STOP
                move.w  #$2700,sr
                dbra    d7,.s
                dbra    d4,.pass
                rts
