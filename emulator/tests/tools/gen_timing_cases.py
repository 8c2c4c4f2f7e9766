# Generates the CASES rows of tests/timing_table.rs: each instruction is assembled with
# m68k-linux-gnu-as and its expected figures are composed from the rows of
# src/timing/tables.rs named in the composition (fea/fiea/cea/jea + instruction row).
# Usage: python3 emulator/tests/tools/gen_timing_cases.py > rows.txt
import re, subprocess, sys
src = open(__import__('os').path.join(__import__('os').path.dirname(__file__), '../../src/timing/tables.rs')).read()
rows = {}
for m in re.finditer(r'r\(\s*"([^"]+)",\s*(\d+),\s*(\d+),\s*(\d+),\s*\((\d+),\s*(\d+),\s*(\d+)\),\s*(\d+),\s*\((\d+),\s*(\d+),\s*(\d+)\),?\s*\)', src):
    g = m.groups()
    rows.setdefault(g[0], []).append(tuple(int(x) for x in g[1:]))
def R(name, idx=0):
    return rows[name][idx]
# table sections: FEA first occurrence, FIEA, CEA second etc. Names repeat across tables; index by order.
def sect(start_marker, end_marker):
    s = src[src.index(start_marker):src.index(end_marker)]
    out = {}
    for m in re.finditer(r'r\(\s*"([^"]+)",\s*(\d+),\s*(\d+),\s*(\d+),\s*\((\d+),\s*(\d+),\s*(\d+)\),\s*(\d+),\s*\((\d+),\s*(\d+),\s*(\d+)\),?\s*\)', s):
        g = m.groups(); out[g[0]] = tuple(int(x) for x in g[1:])
    return out
FEA = sect('pub const FEA', 'pub const FIEA:')
FIEA = sect('pub const FIEA:', 'pub const FIEA_LONG')
CEA = sect('pub const CEA', 'pub const JEA')
JEA = sect('pub const JEA', 'pub const MOVE_TO_REG') if 'MOVE_TO_REG' in src else sect('pub const JEA','pub const MOVE_DEST')
MD = sect('pub const MOVE_DEST', 'pub const INSN')
INSN = sect('pub const INSN', 'pub mod i {')
EXC = sect('pub const EXC_BUS_ERROR', 'pub const RTE_FORMAT')
def t(r):  # (cache, nocache, reads+writes in cache case)
    return (r[2], r[6], r[3]+r[5])
def add(*parts):
    c = sum(p[2] for p in parts); n = sum(p[6] for p in parts); b = sum(p[3]+p[5] for p in parts)
    return c, n, b
cases = []
def case(text, parts, extra=0, bus=None, note=''):
    c, n, b = add(*parts)
    c += extra; n += extra
    if bus is not None: b = bus
    names = ' + '.join(p_name for p_name in note.split('|')) if note else ''
    cases.append((text, c, n, b, names))
F=FEA; M=MD; I=INSN
def fea(k): return F[k]
A = {'dn':'Dn','an':'An','ind':'(An)','pi':'(An)+','pd':'-(An)','d16':'(d16,An) or (d16,PC)','d8x':'(d8,An,Xn) or (d8,PC,Xn)','aw':'(xxx).W','al':'(xxx).L','imm':'#<data>.B or .W','imml':'#<data>.L','full':'(bd,An,Xn) or (bd,PC,Xn)','mind':'([bd,An,Xn],od) memory indirect'}
FIK = {'dn':'#<data>.W,Dn','ind':'#<data>.W,(An)','pi':'#<data>.W,(An)+','pd':'#<data>.W,-(An)','d16':'#<data>.W,(d16,An)','d8x':'#<data>.W,(d8,An,Xn)','aw':'#<data>.W,(xxx).W','al':'#<data>.W,(xxx).L'}
CEK = {'ind':'(An)','pi':'(An)+','pd':'-(An)','d16':'(d16,An) or (d16,PC)','d8x':'(d8,An,Xn) or (d8,PC,Xn)','aw':'(xxx).W','al':'(xxx).L','full':'(bd,An,Xn) or (bd,PC,Xn)'}
MDK = {'dn':'MOVE EA,Dn','an':'MOVE EA,An','ind':'MOVE EA,(An)','pi':'MOVE EA,(An)+','pd':'MOVE EA,-(An)','d16':'MOVE EA,(d16,An)','d8x':'MOVE EA,(d8,An,Xn)','aw':'MOVE EA,(xxx).W','al':'MOVE EA,(xxx).L','full':'MOVE EA,(bd,An,Xn)'}
FIEA_LONG=(2,0,2,0,0,0,2,0,1,0)
def P(tab, key):
    d = {'fea':(FEA,A),'fiea':(FIEA,FIK),'cea':(CEA,CEK),'jea':(JEA,CEK),'move':(MD,MDK)}
    if tab in d:
        table, keys = d[tab]; return (table[keys[key]], f'{tab} {keys[key]}')
    if tab == 'i': return (INSN[key], key)
    if tab == 'x': return (EXC[key], key)
    if tab == 'fl': return (FIEA_LONG, '#<data>.L extra')
def C(text, *parts, extra=0, bus=None):
    ps = [P(*p) for p in parts]
    c = sum(p[0][2] for p in ps)+extra; n = sum(p[0][6] for p in ps)+extra
    b = sum(p[0][3]+p[0][5] for p in ps) if bus is None else bus
    cases.append((text, n, c, b, ' + '.join(p[1] for p in ps) + (f' + {extra}' if extra else '')))
def MV(text, s, d, **kw): C(text, ('fea', s), ('move', d), **kw)
ALU='ADD/SUB/AND/OR EA,Dn'; ALUM='ADD/SUB/AND/OR/EOR Dn,EA (memory)'
MV('move.l d1,d0','dn','dn'); MV('move.w d1,d0','dn','dn'); MV('movea.l a1,a0','an','an')
MV('move.l (a0),d0','ind','dn'); MV('move.l (a0)+,d0','pi','dn'); MV('move.l -(a1),d0','pd','dn')
MV('move.l 8(a0),d0','d16','dn'); MV('move.l 4(a0,d2.w),d0','d8x','dn'); MV('move.w 0x4000.w,d0','aw','dn')
MV('move.l 0x4000.l,d0','al','dn'); MV('move.l #0x12345678,d0','imml','dn'); MV('move.w #0x1234,d0','imm','dn')
MV('move.l d0,(a0)','dn','ind'); MV('move.l d0,(a0)+','dn','pi'); MV('move.l d0,-(a1)','dn','pd')
MV('move.l d0,8(a0)','dn','d16'); MV('move.l d0,4(a0,d2.w)','dn','d8x'); MV('move.w d0,0x4000.w','dn','aw')
MV('move.l d0,0x4000.l','dn','al'); MV('move.l (a0),(a1)','ind','ind'); MV('move.l (a0)+,(a1)+','pi','pi')
MV('move.w 2(a0),4(a1)','d16','d16'); MV('move.l lbl(pc),d0','d16','dn'); MV('move.l (a0,d2.l*4),d0','d8x','dn')
MV('move.l (0x1000,a4,d2.w),d0','full','dn'); MV('move.l ([4,a0]),d0','mind','dn'); MV('move.l d0,(0x1000,a4,d2.w)','dn','full')
C('moveq #1,d0',('i','MOVEQ #,Dn'))
C('move.w d5,sr',('fea','dn'),('i','MOVE EA,SR (+fea)')); C('move.w sr,d0',('i','MOVE CCR,Dn / SR,Dn'))
C('move.w d0,ccr',('fea','dn'),('i','MOVE EA,CCR (+fea)')); C('move.w sr,(a0)',('cea','ind'),('i','MOVE CCR,Mem / SR,Mem (+cea)'))
C('move.l a0,usp',('i','MOVE USP,An / An,USP')); C('move.l usp,a0',('i','MOVE USP,An / An,USP'))
C('add.l d1,d0',('fea','dn'),('i',ALU)); C('add.l (a0),d0',('fea','ind'),('i',ALU)); C('add.l d0,(a0)',('fea','ind'),('i',ALUM))
C('add.w 2(a0),d0',('fea','d16'),('i',ALU)); C('adda.l d1,a0',('fea','dn'),('i','ADDA/SUBA EA,An')); C('adda.w (a0),a1',('fea','ind'),('i','ADDA/SUBA EA,An'))
C('sub.l d1,d0',('fea','dn'),('i',ALU)); C('and.l (a0)+,d0',('fea','pi'),('i',ALU)); C('or.l d0,-(a1)',('fea','pd'),('i',ALUM))
C('eor.l d1,d0',('i',ALU)); C('eor.l d0,(a0)',('fea','ind'),('i',ALUM)); C('cmp.l d1,d0',('fea','dn'),('i','CMP EA,Dn'))
C('cmp.l (a0),d0',('fea','ind'),('i','CMP EA,Dn')); C('cmpa.l a1,a0',('fea','an'),('i','CMPA EA,An'))
C('mulu.w d1,d0',('fea','dn'),('i','MULU.W/MULS.W EA,Dn')); C('muls.w (a0),d0',('fea','ind'),('i','MULU.W/MULS.W EA,Dn'))
C('mulu.l d1,d0',('fea','dn'),('i','MULU.L/MULS.L EA,Dn')); C('divu.w d1,d0',('fea','dn'),('i','DIVU.W EA,Dn'))
C('divs.w d1,d0',('fea','dn'),('i','DIVS.W EA,Dn')); C('divu.l d1,d0',('fea','dn'),('i','DIVU.L EA,Dn')); C('divs.l d1,d0',('fea','dn'),('i','DIVS.L EA,Dn'))
AI='ADDI/SUBI/ANDI/ORI/EORI #,Dn'; AIM='ADDI/SUBI/ANDI/ORI/EORI #,Mem'
C('addi.l #1,d0',('fiea','dn'),('i',AI),('fl',0)); C('addi.w #1,(a0)',('fiea','ind'),('i',AIM)); C('subi.l #1,(a0)',('fiea','ind'),('i',AIM),('fl',0))
C('andi.b #1,d0',('fiea','dn'),('i',AI)); C('ori.w #1,8(a0)',('fiea','d16'),('i',AIM)); C('cmpi.l #1,d0',('fiea','dn'),('i','CMPI #,EA'),('fl',0))
C('cmpi.w #1,(a0)',('fiea','ind'),('i','CMPI #,EA'))
C('addq.l #1,d0',('i','ADDQ/SUBQ #,Rn')); C('addq.l #1,a0',('i','ADDQ/SUBQ #,Rn')); C('addq.w #1,(a0)',('fea','ind'),('i','ADDQ/SUBQ #,Mem')); C('subq.l #1,(a0)+',('fea','pi'),('i','ADDQ/SUBQ #,Mem'))
C('abcd d1,d0',('i','ABCD/SBCD Dy,Dx')); C('abcd -(a1),-(a0)',('i','ABCD/SBCD -(Ay),-(Ax)')); C('addx.l d1,d0',('i','ADDX/SUBX Dy,Dx'))
C('addx.l -(a1),-(a0)',('i','ADDX/SUBX -(Ay),-(Ax)')); C('cmpm.l (a0)+,(a1)+',('i','CMPM (Ay)+,(Ax)+'))
C('clr.l d0',('i','CLR/NEG/NEGX/NOT Dn')); C('clr.l (a0)',('cea','ind'),('i','CLR Mem (+cea)')); C('neg.l d0',('i','CLR/NEG/NEGX/NOT Dn'))
C('neg.l (a0)',('fea','ind'),('i','NEG/NEGX/NOT Mem (+fea)')); C('not.w 2(a0)',('fea','d16'),('i','NEG/NEGX/NOT Mem (+fea)'))
C('ext.l d0',('i','EXT/EXTB Dn')); C('extb.l d0',('i','EXT/EXTB Dn')); C('swap d0',('i','SWAP Dn'))
C('tst.l d0',('fea','dn'),('i','TST EA (+fea)')); C('tst.l (a0)',('fea','ind'),('i','TST EA (+fea)'))
C('tas d0',('i','TAS Dn')); C('tas (a0)',('fea','ind'),('i','TAS Mem (+fea)'))
C('scs d0',('i','Scc Dn')); C('scc (a0)',('cea','ind'),('i','Scc Mem (+cea)')); C('nbcd d0',('i','NBCD Dn'))
C('lsl.l #2,d0',('i','LSL/LSR #,Dy; LSd Dx,Dy (count<=8)')); C('lsr.l d1,d0',('i','LSL/LSR Dx,Dy')); C('asl.l #1,d0',('i','ASL #,Dy; ASL Dx,Dy'))
C('asr.l #1,d0',('i','ASR #,Dy')); C('asr.l d2,d0',('i','ASR Dx,Dy')); C('rol.l #1,d0',('i','ROL/ROR #,Dy; Dx,Dy')); C('roxl.l #1,d0',('i','ROXL/ROXR Dx,Dy; #,Dy'))
C('lsl.w (a0)',('fea','ind'),('i','shift/rotate Mem (+fea)'))
C('btst #1,d0',('fiea','dn'),('i','BTST #,Dn (+fiea); BTST Dn,Dn')); C('btst d1,d0',('i','BTST #,Dn (+fiea); BTST Dn,Dn'))
C('btst #1,(a0)',('fiea','ind'),('i','BTST #,Mem / Dn,Mem (+fiea/fea)')); C('bset d2,(a0)',('fea','ind'),('i','BCHG/BCLR/BSET #,Mem / Dn,Mem'))
C('bchg #1,d0',('fiea','dn'),('i','BCHG/BCLR/BSET #,Dn / Dn,Dn')); C('bclr #1,(a0)',('fiea','ind'),('i','BCHG/BCLR/BSET #,Mem / Dn,Mem'))
C('bfextu d0{#4:#8},d1',('i','BFEXTU/BFEXTS/BFFFO Dn')); C('bfset (a0){#4:#8}',('cea','ind'),('i','BFCHG/BFCLR/BFSET/BFINS Mem (+cea)'), bus=2)
C('bra.s skip\n nop\nskip:',('i','Bcc/BRA (taken)')); C('bcs.s skip\n nop\nskip:',('i','Bcc.B (not taken)')); C('bcs.w skip\nskip:',('i','Bcc.W (not taken)'))
C('dbra d4,start',('i','DBcc (cc false, count not expired)')); C('dbcc d4,start',('i','DBcc (cc true)'))
C('bsr.s skip\n nop\nskip: addq.l #4,sp',('i','BSR'))
C('nop',('i','NOP')); C('lea 8(a0),a1',('cea','d16'),('i','LEA (+cea)')); C('lea (a0,d2.w),a1',('cea','d8x'),('i','LEA (+cea)'))
C('lea 0x4000.l,a1',('cea','al'),('i','LEA (+cea)')); C('pea (a0)',('cea','ind'),('i','PEA (+cea)'))
C('link a6,#-8',('i','LINK.W')); C('unlk a6',('i','UNLK'))
C('jmp (a5)',('jea','ind'),('i','JMP (+jea)')); C('jsr (a5)',('jea','ind'),('i','JSR (+jea)')); C('jmp 0x1006.l',('jea','al'),('i','JMP (+jea)'))
C('rts',('i','RTS'))
C('ori.b #0,ccr',('i','ANDI/EORI/ORI to CCR')); C('ori.w #0x0700,sr',('i','ANDI/EORI/ORI to SR')); C('andi.w #0x2700,sr',('i','ANDI/EORI/ORI to SR'))
C('movem.l d0-d3,(a0)',('cea','ind'),('i','MOVEM RL,EA (+cea; + 2 per register)'),extra=8,bus=4)
C('movem.l (a0)+,d0-d3',('cea','pi'),('i','MOVEM EA,RL (+cea; + 2 per register)'),extra=8,bus=4)
C('movem.l d0-d3/a0-a1,-(a7)',('cea','pd'),('i','MOVEM RL,EA (+cea; + 2 per register)'),extra=12,bus=6)
C('movec cacr,d0',('i','MOVEC Cr,Rn')); C('movec d6,vbr',('i','MOVEC Rn,Cr')); C('exg d0,d1',('i','EXG Rx,Ry'))
C('cas.l d6,d6,(a0)',('fea','ind'),('i','CAS (successful compare) (+fea)'))
C('cas2.l d6:d6,d6:d6,(a0):(a1)',('i','CAS2 (successful compare)'))
C('chk.w d3,d2',('fea','dn'),('i','CHK EA,Dn (no exception) (+fea)')); C('trapcs',('i','TRAPcc / TRAPV (no trap)'))
C('rtd #4',('i','RTD'))
C('move.l d0,d1\n move.l d1,d2',('fea','dn'),('move','dn'))
C('subi.w #0x100,d0',('fiea','dn'),('i',AI)); C('or.l (a0),d0',('fea','ind'),('i',ALU)); C('and.w d0,(a0)+',('fea','pi'),('i',ALUM))
C('cmp.w 0x4000.w,d0',('fea','aw'),('i','CMP EA,Dn')); C('move.b (a0),d0',('fea','ind'),('move','dn')); C('move.b d0,(a0)',('fea','dn'),('move','ind'))
def asm(text):
    full = f' .text\nstart:\n {text}\n bra.w start\n' + ('lbl: .long 0\n' if 'lbl' in text else '')
    open('/tmp/gen/t.s','w').write(full)
    r = subprocess.run(['m68k-linux-gnu-as','-m68030','-m68882','--register-prefix-optional','-o','/tmp/gen/t.o','/tmp/gen/t.s'],capture_output=True,text=True)
    if r.returncode: print('ASM FAIL', text, r.stderr, file=sys.stderr); return None
    r = subprocess.run(['m68k-linux-gnu-objcopy','-O','binary','-j','.text','/tmp/gen/t.o','/tmp/gen/t.bin'])
    b = open('/tmp/gen/t.bin','rb').read()
    return [int.from_bytes(b[i:i+2],'big') for i in range(0,len(b),2)]
out=[]
for (text,n,c,b,comp) in cases:
    w = asm(text)
    if w is None: continue
    # strip the trailing bra.w start (2 words) : keep all, harness uses all words
    t1 = text.replace('\n',';')
    out.append(f'    // {comp}\n    ({t1!r}, &[{", ".join("0x%04X"%x for x in w)}], {n}, {c}, {b}),'.replace("'",'"'))
print(len(out), file=sys.stderr)
print('\n'.join(out))
