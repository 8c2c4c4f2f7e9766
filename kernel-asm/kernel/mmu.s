* mmu.s: address spaces. Without MMU defined the MMU stays off and every thread shares
* the one physical space (TTE_AS = 0, so sw_in is always chosen over sw_in_mmu, except
* when a thread is entered after an exit).

mmu_init:       rts

* mmu_space: a3 = TTE: build its address space; TTE_AS <- the CRP value's address.
mmu_space:      clr.l   TTE_AS(a3)
                rts
