* cdplayer.s: the CD player of `quamachine play` (image cdplayer). The player thread
* reads the cd device a block at a time (K_CDREAD: 1024 frames) and writes each block
* to the speaker (K_SPKWRITE); both calls block the thread until the Sound-IO handler
* has a full block or a free one, and return 0 then (the stub calls again). It turns
* CD-IN and DA-OUT on together first (K_SNDCTL: the handler is synthesized for the pair),
* so the speaker plays two blocks of silence while the first CD block fills and is
* copied: DA-OUT is the CD stream exactly 2049 frames late (two blocks, plus the
* device's one-frame output latch). The kernel's ring holds four blocks per channel. The idle thread keeps the ready ring from being empty while
* the player is blocked; it waits in the kernel's STOP (K_IDLE). The host ends the run
* when the clip has been played.

user_threads:   dc.l    player,USERBASE,n_player
                dc.l    idle,USERBASE,n_idle                    ; the same space: no CRP load
                dc.l    0
n_player:       dc.b    "cdplayer",0
n_idle:         dc.b    "idle",0
                even

PBUF            equ     USERBASE+$8000          ; one block, in the player's region

                org     USERBASE
player:         moveq   #SND_CD|SND_DA,d0       ; both channels from the start: the
                moveq   #K_SNDCTL,d2            ; handler is synthesized for CD-IN +
                trap    #15                     ; DA-OUT once, before any frame flows
.loop:          lea     PBUF,a0
                move.l  #SND_BLOCK,d1
                bsr.s   cd_read
                lea     PBUF,a0
                move.l  #SND_BLOCK,d1
                bsr.s   spk_write
                bra.s   .loop

* cd_read, spk_write: a0 = buffer, d1 = SND_BLOCK; again while the call blocked (0).
* A bad buffer (-1) ends the thread: it is a bug in this program.
cd_read:        movem.l a0/d1,-(sp)
                moveq   #K_CDREAD,d2
                trap    #15
                movem.l (sp)+,a0/d1
                tst.l   d0
                beq.s   cd_read
                bmi.s   fail
                rts
spk_write:      movem.l a0/d1,-(sp)
                moveq   #K_SPKWRITE,d2
                trap    #15
                movem.l (sp)+,a0/d1
                tst.l   d0
                beq.s   spk_write
                bmi.s   fail
                rts
fail:           lea     m_fail(pc),a0
                jsr     u_puts
                jsr     u_exit
m_fail:         dc.b    "cdplayer: the kernel refused a buffer",10,0
                even

idle:           moveq   #K_IDLE,d2              ; STOP until the next interrupt
                trap    #15
                bra.s   idle
