# Independent plain-Python ComBat (no numpy), written from Johnson, Li & Rabinovic 2007 (Biostatistics 8:118)
# with neuroComBat's conventions (Fortin et al. 2018): OLS on [site one-hot, age, male]; grand mean weighted by
# site sizes; pooled variance with divisor n; per-site gamma_hat (mean), delta_hat (variance, ddof 1); priors by
# the method of moments; fixed-point EB iteration until the largest relative change < 1e-4.
def data():
    rows = []
    for r in range(24):
        site = 'A' if r < 12 else 'B'
        age = 60 + (r * 5) % 23
        male = r % 3 == 0
        shift, scale = (0.0, 1.0) if site == 'A' else (0.8, 1.5)
        y = [10 + g + 0.05 * age + 0.4 * male + shift + scale * ((((r * 7 + g * 3) % 11) - 5) / 10) for g in range(4)]
        rows.append((site, age, male, y))
    return rows

def solve(A, b):  # Gaussian elimination with partial pivoting, A: k x k, b: k x p
    k = len(A); M = [A[i][:] + b[i][:] for i in range(k)]
    for c in range(k):
        piv = max(range(c, k), key=lambda i: abs(M[i][c])); M[c], M[piv] = M[piv], M[c]
        for i in range(k):
            if i != c:
                f = M[i][c] / M[c][c]
                M[i] = [x - f * y for x, y in zip(M[i], M[c])]
    return [[M[i][k + j] / M[i][i] for j in range(len(b[0]))] for i in range(k)]

rows = data(); n = len(rows); p = 4; sites = ['A', 'B']
X = [[1.0 if s == 'A' else 0.0, 1.0 if s == 'B' else 0.0, float(a), 1.0 if m else 0.0] for s, a, m, _ in rows]
Y = [y for *_, y in rows]
XtX = [[sum(X[r][i] * X[r][j] for r in range(n)) for j in range(4)] for i in range(4)]
XtY = [[sum(X[r][i] * Y[r][g] for r in range(n)) for g in range(p)] for i in range(4)]
B = solve(XtX, XtY)
counts = [sum(1 for s, *_ in rows if s == l) for l in sites]
grand = [sum(counts[i] / n * B[i][g] for i in range(2)) for g in range(p)]
var = [sum((Y[r][g] - sum(X[r][c] * B[c][g] for c in range(4))) ** 2 for r in range(n)) / n for g in range(p)]
stand = [[grand[g] + B[2][g] * X[r][2] + B[3][g] * X[r][3] for g in range(p)] for r in range(n)]
S = [[(Y[r][g] - stand[r][g]) / var[g] ** 0.5 for g in range(p)] for r in range(n)]
gs, ds = {}, {}
for l in sites:
    idx = [r for r in range(n) if rows[r][0] == l]; m_ = len(idx)
    gh = [sum(S[r][g] for r in idx) / m_ for g in range(p)]
    dh = [sum((S[r][g] - gh[g]) ** 2 for r in idx) / (m_ - 1) for g in range(p)]
    gbar = sum(gh) / p; t2 = sum((x - gbar) ** 2 for x in gh) / (p - 1)
    mm = sum(dh) / p; s2 = sum((x - mm) ** 2 for x in dh) / (p - 1)
    a = (2 * s2 + mm ** 2) / s2; b = (mm * s2 + mm ** 3) / s2
    go, do = gh[:], dh[:]
    while True:
        gn = [(t2 * m_ * gh[g] + do[g] * gbar) / (t2 * m_ + do[g]) for g in range(p)]
        dn = [(0.5 * sum((S[r][g] - gn[g]) ** 2 for r in idx) + b) / (m_ / 2 + a - 1) for g in range(p)]
        ch = max(max(abs(gn[g] - go[g]) / abs(go[g]) for g in range(p)), max(abs(dn[g] - do[g]) / do[g] for g in range(p)))
        go, do = gn, dn
        if ch < 1e-4: break
    gs[l], ds[l] = gn, dn
adj = [[var[g] ** 0.5 * (S[r][g] - gs[rows[r][0]][g]) / ds[rows[r][0]][g] ** 0.5 + stand[r][g] for g in range(p)] for r in range(n)]
print('gamma_star', {l: [repr(x) for x in gs[l]] for l in sites})
print('delta_star', {l: [repr(x) for x in ds[l]] for l in sites})
print('adjusted row 0', [repr(x) for x in adj[0]])
print('adjusted row 13', [repr(x) for x in adj[13]])
print('grand', [repr(x) for x in grand]); print('var', [repr(x) for x in var])
