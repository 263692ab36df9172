#!/usr/bin/env python
"""Fast sentence-level media-bias classifier (self-contained; scikit-learn / numpy / scipy / nltk stemmer).

Design: every feature is derived from *word types* (cached once per distinct lowercased word) plus
vectorised numpy gathers over token positions, so prediction has no per-token Python work beyond
tokenisation and one dict lookup per token.

Model (a stacked ensemble):
  base 1  TF-IDF(word 1-2 grams + char_wb 2-5 grams of each word, sublinear tf) -> LinearSVC on label_bias
  base 2  same features -> LinearSVC on an auxiliary target: label_opinion != "Entirely factual" (train only)
  base 3  token-level logistic model (SGD, averaged) trained on the experts' `biased_words`;
          per-sentence aggregates of token bias probabilities (max, top-2/3 mean, sum, mean, noisy-or, counts)
  meta    StandardScaler + LogisticRegression on [base1 score, base2 score, base3 aggregates]
Base features for the meta-learner are cross-fitted (inner 5-fold) inside the training data only.
"""
from pathlib import Path
import re

import numpy as np
import scipy.sparse as sp
from nltk.stem import PorterStemmer
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from sklearn.utils import murmurhash3_32

TOK = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
DW = 2 ** 20  # sentence word-ngram space
DC = 2 ** 20  # sentence char-ngram space
DT = 2 ** 20  # token-model symbolic feature space
DTC = 2 ** 18  # token-model char-ngram space
M1, M2, M3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9)


def _mix(a, b, salt):
    with np.errstate(over="ignore"):
        x = a.astype(np.uint64) * M1 + b.astype(np.uint64) * M2 + np.uint64(salt) * M3
        x ^= x >> np.uint64(29)
        x *= M1
        x ^= x >> np.uint64(32)
    return x


class Featurizer:
    """Caches per-word-type features; turns a batch of texts into token / sentence arrays."""

    def __init__(self, char_weight=3.0):
        self.cw = char_weight
        self.ids = {}  # lowercased word -> id
        self.h = []  # murmur hash of word
        self.shape_ids = {}
        self._stem = PorterStemmer().stem
        self._fh = FeatureHasher(DT, input_type="string", alternate_sign=False)
        self._tc = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=DTC, alternate_sign=False)
        self._sc = HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5), n_features=DC, alternate_sign=False, norm=None)
        self.Mtok = sp.csr_matrix((0, DT + DTC))  # per-type token-model features
        self.Mchar = sp.csr_matrix((0, DC))  # per-type char n-gram counts (sentence model)
        self.hash_arr = np.zeros(0, np.uint64)

    def __getstate__(self):
        s = self.__dict__.copy()
        del s["_stem"]
        return s

    def __setstate__(self, s):
        self.__dict__.update(s)
        self._stem = PorterStemmer().stem

    def _add_types(self, words):
        feats = []
        for w in words:
            feats.append(["w=" + w, "s2=" + w[-2:], "s3=" + w[-3:], "s4=" + w[-4:], "p3=" + w[:3],
                          "len=%d" % min(len(w), 12), "st=" + self._stem(w)] + (["hyph"] if "-" in w else []))
        A = self._fh.transform(feats)
        B = self.cw * self._tc.transform(words)
        self.Mtok = sp.vstack([self.Mtok, sp.hstack([A, B]).tocsr()]).tocsr()
        self.Mchar = sp.vstack([self.Mchar, self._sc.transform(words)]).tocsr()
        hs = np.array([murmurhash3_32(w, positive=True) for w in words], np.uint64)
        self.hash_arr = np.concatenate([self.hash_arr, hs])

    def tokens(self, texts):
        """-> dict of flat token arrays and sentence offsets."""
        raw = [TOK.findall(t) for t in texts]
        lens = np.fromiter((len(r) for r in raw), int, len(raw))
        flat = [w for r in raw for w in r]
        rc = self.__dict__.setdefault("raw", {})  # raw token -> 4 * type id + shape
        newraw = [w for w in dict.fromkeys(flat) if w not in rc]
        if newraw:
            new = [w for w in dict.fromkeys(x.lower() for x in newraw) if w not in self.ids]
            for w in new:
                self.ids[w] = len(self.ids)
            if new:
                self._add_types(new)
            for w in newraw:
                rc[w] = 4 * self.ids[w.lower()] + (2 if (w.isupper() and len(w) > 1) else 1 if w[0].isupper() else 0)
        code = np.fromiter(map(rc.__getitem__, flat), np.int64, len(flat))
        ids, shp = code >> 2, code & 3
        sid = np.repeat(np.arange(len(texts)), lens)
        starts = np.concatenate([[0], np.cumsum(lens)])
        return dict(ids=ids, shape=shp, sid=sid, starts=starts, lens=lens, n=len(texts))

    # ---------- sentence-level count matrices ----------
    def sentence_counts(self, T):
        n, ids, sid = T["n"], T["ids"], T["sid"]
        h = self.hash_arr[ids]
        # char n-gram counts = sum of the cached per-word-type rows (gathered, no sparse matmul)
        M = self.Mchar
        st, ln = M.indptr[ids], np.diff(M.indptr)[ids]
        tot = ln.sum()
        gi = np.repeat(st - np.concatenate([[0], np.cumsum(ln)[:-1]]), ln) + np.arange(tot)
        C = sp.csr_matrix((M.data[gi], (np.repeat(sid, ln), M.indices[gi])), shape=(n, DC))
        # word unigrams + bigrams (bigrams only within a sentence)
        uni = (h % np.uint64(DW)).astype(np.int64)
        same = np.zeros(len(ids), bool)
        same[1:] = sid[1:] == sid[:-1]
        j = np.nonzero(same)[0]
        bi = (_mix(h[j - 1], h[j], 1) % np.uint64(DW)).astype(np.int64)
        rows = np.concatenate([sid, sid[j]])
        cols = np.concatenate([uni, bi])
        W = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, DW))
        W.sum_duplicates()
        C.sum_duplicates()
        return W, C

    # ---------- token-level feature matrix ----------
    def token_context_cols(self, T):
        ids, sid = T["ids"], T["sid"]
        h = self.hash_arr[ids]
        N = len(ids)
        first = np.zeros(N, bool)
        first[T["starts"][:-1][T["lens"] > 0]] = True
        last = np.zeros(N, bool)
        last[T["starts"][1:][T["lens"] > 0] - 1] = True
        hl = np.empty(N, np.uint64)
        hl[1:] = h[:-1]
        hl[first] = 7
        hr = np.empty(N, np.uint64)
        hr[:-1] = h[1:]
        hr[last] = 11
        cols = [
            _mix(hl, np.zeros(N, np.uint64), 2), _mix(hr, np.zeros(N, np.uint64), 3),
            _mix(hl, h, 4), _mix(h, hr, 5), _mix(T["shape"].astype(np.uint64), np.zeros(N, np.uint64), 6),
        ]
        cols = np.stack([(c % np.uint64(DT)).astype(np.int64) for c in cols], 1)
        return cols, first

    def token_matrix(self, T):
        cols, first = self.token_context_cols(T)
        N = len(T["ids"])
        ctx = sp.csr_matrix((np.ones(cols.size), (np.repeat(np.arange(N), cols.shape[1]), cols.ravel())), shape=(N, DT + DTC))
        bos = sp.csr_matrix((first.astype(float), (np.arange(N), np.full(N, 12345))), shape=(N, DT + DTC))
        return (self.Mtok[T["ids"]] + ctx + bos).tocsr()


def token_labels(texts, bws):
    out = []
    for t, bw in zip(texts, bws):
        s = set()
        for w in bw:
            w = w.strip("\"'“”‘’ .,").lower()
            s.add(w)
            for part in w.replace("’", "'").split("-"):
                if len(part) > 3:
                    s.add(part)
        out.extend(1 if (x.lower() in s or x.lower().replace("’", "'") in s) else 0 for x in TOK.findall(t))
    return np.asarray(out, int)


def aggregate(p, T):
    """Per-sentence aggregates of token probabilities (vectorised)."""
    n, sid, lens = T["n"], T["sid"], T["lens"]
    order = np.lexsort((-p, sid))
    ps = p[order]
    rank = np.arange(len(p)) - T["starts"][sid[order]]
    top = np.zeros((n, 3))
    m = rank < 3
    top[sid[order][m], rank[m]] = ps[m]
    cnt = np.maximum(lens, 1)
    s = np.bincount(sid, p, n)
    nor = np.bincount(sid, -np.log1p(-np.clip(p, 0, 1 - 1e-6)), n)
    c3 = np.bincount(sid, p > 0.3, n)
    c5 = np.bincount(sid, p > 0.5, n)
    top2 = top[:, :2].sum(1) / np.minimum(cnt, 2)
    top3 = top.sum(1) / np.minimum(cnt, 3)
    return np.column_stack([top[:, 0], top2, top3, s, s / cnt, nor, c3, c5, np.log(lens + 1)])


# ----------------------------- trainable pieces -----------------------------
class SentSVC:
    def __init__(self, C=0.1):
        self.C = C

    def fit(self, W, Cc, y, share=None):
        if share is not None:  # reuse another model's IDF weights
            self.tw, self.tc = share.tw, share.tc
        else:
            self.tw = TfidfTransformer(sublinear_tf=True).fit(W)
            self.tc = TfidfTransformer(sublinear_tf=True).fit(Cc)
        self.m = LinearSVC(C=self.C).fit(self._X(W, Cc), y)
        return self

    def _X(self, W, Cc):
        return sp.hstack([self.tw.transform(W), self.tc.transform(Cc)]).tocsr()

    def score(self, W, Cc):
        return self.m.decision_function(self._X(W, Cc))

    def compact(self):
        """Store only non-zero weights (sparse) so the pickled model is small."""
        for t in (self.tw, self.tc):
            t.idf_ = t.idf_.astype(np.float32)
        self.m.coef_ = self.m.coef_.astype(np.float32)
        return self


class TokenLR:
    def __init__(self, alpha=1e-5, seed=0):
        self.alpha, self.seed = alpha, seed

    def fit(self, A, yt):
        self.m = SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=30, tol=1e-4, average=True,
                               random_state=self.seed).fit(A, yt)
        return self

    def proba(self, A):
        return self.m.predict_proba(A)[:, 1]


class SlantModel:
    """Stacked sentence bias model. fit(texts, y, biased_words, aux) ; predict_proba(texts)."""

    def __init__(self, svc_C=(0.03, 0.1, 0.3), aux_C=0.1, tok_alpha=1e-5, meta_C=(0.1, 1.0, 10.0), n_inner=5, seed=0,
                 featurizer=None):
        """svc_C / meta_C may be tuples: then the value is chosen by inner CV on the training data only
        (svc_C by out-of-fold ROC AUC of the SVC score, meta_C by inner-CV log-loss of the meta-learner)."""
        self.svc_C_grid, self.aux_C, self.tok_alpha, self.meta_C_grid, self.n_inner, self.seed = \
            np.atleast_1d(svc_C), aux_C, tok_alpha, np.atleast_1d(meta_C), n_inner, seed
        self.fz = featurizer or Featurizer()

    # all base features for rows `te` from bases fitted on rows `tr`
    def _bases_fit(self, W, Cc, A, yt, tok_rows, y, aux, tr):
        svc = SentSVC(self.svc_C).fit(W[tr], Cc[tr], y[tr])
        return self._bases_fit_rest(svc, W, Cc, A, yt, tok_rows, y, aux, tr)

    def _bases_fit_rest(self, svc, W, Cc, A, yt, tok_rows, y, aux, tr):
        ok = tr[aux[tr] >= 0]
        auxm = SentSVC(self.aux_C).fit(W[ok], Cc[ok], aux[ok], share=svc)
        r = np.concatenate([tok_rows[i] for i in tr])
        tok = TokenLR(self.tok_alpha, self.seed).fit(A[r], yt[r])
        return svc, auxm, tok

    @staticmethod
    def _sub_T(T, idx):
        lens = T["lens"][idx]
        rows = np.concatenate([np.arange(T["starts"][i], T["starts"][i + 1]) for i in idx]) if len(idx) else np.zeros(0, int)
        return dict(ids=T["ids"][rows], shape=T["shape"][rows], sid=np.repeat(np.arange(len(idx)), lens),
                    starts=np.concatenate([[0], np.cumsum(lens)]), lens=lens, n=len(idx)), rows

    def _bases_feats(self, bases, W, Cc, A, T, idx):
        svc, auxm, tok = bases
        Ts, rows = self._sub_T(T, idx)
        p = tok.proba(A[rows])
        return np.column_stack([svc.score(W[idx], Cc[idx]), auxm.score(W[idx], Cc[idx]), aggregate(p, Ts)])

    def fit(self, texts, y, biased_words, aux):
        y, aux = np.asarray(y), np.asarray(aux)
        T = self.fz.tokens(texts)
        W, Cc = self.fz.sentence_counts(T)
        A = self.fz.token_matrix(T)
        yt = token_labels(texts, biased_words)
        tok_rows = [np.arange(T["starts"][i], T["starts"][i + 1]) for i in range(T["n"])]
        from sklearn.metrics import roc_auc_score
        from sklearn.model_selection import GridSearchCV
        allidx = np.arange(len(y))
        F = np.zeros((len(y), 11))
        folds = list(StratifiedKFold(self.n_inner, shuffle=True, random_state=self.seed).split(allidx, y))
        # 1) SVC C chosen by inner out-of-fold AUC (training rows only)
        oof = {c: np.zeros(len(y)) for c in self.svc_C_grid}
        svcs = {}
        for k, (itr, ite) in enumerate(folds):
            for c in self.svc_C_grid:
                svcs[k, c] = SentSVC(c).fit(W[itr], Cc[itr], y[itr])
                oof[c][ite] = svcs[k, c].score(W[ite], Cc[ite])
        self.svc_C = max(self.svc_C_grid, key=lambda c: roc_auc_score(y, oof[c]))
        # 2) cross-fitted base features for the meta-learner
        for k, (itr, ite) in enumerate(folds):
            b = self._bases_fit_rest(svcs[k, self.svc_C], W, Cc, A, yt, tok_rows, y, aux, itr)
            F[ite] = self._bases_feats(b, W, Cc, A, T, ite)
        self.F_oof_ = F
        self.svc, self.aux, self.tok = self._bases_fit(W, Cc, A, yt, tok_rows, y, aux, allidx)
        # 3) meta-learner C chosen by inner CV on the out-of-fold features
        gs = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000)),
                          {"logisticregression__C": list(self.meta_C_grid)}, scoring="neg_log_loss",
                          cv=StratifiedKFold(5, shuffle=True, random_state=self.seed + 1)).fit(F, y)
        self.meta_C = gs.best_params_["logisticregression__C"]
        self.meta = gs.best_estimator_
        return self

    def clear_cache(self):
        """Drop the per-word-type feature cache (rebuilt lazily) — keeps the saved model small."""
        self.fz = Featurizer(self.fz.cw)
        self.type_score = np.zeros(0, np.float32)
        return self

    def slim(self):
        """Keep only what the fast path needs (compiled arrays + featurizer)."""
        self.compile()
        for a in ("svc", "aux", "tok", "F_oof_"):
            self.__dict__.pop(a, None)
        return self

    # ------------- fast prediction path: plain numpy/scipy, no sklearn input validation -------------
    def compile(self):
        """Extract the fitted weights into flat float32 arrays used by predict_proba."""
        def blk(svc):
            c = svc.m.coef_.ravel().astype(np.float32)
            return dict(idf_w=svc.tw.idf_.astype(np.float32), idf_c=svc.tc.idf_.astype(np.float32),
                        cw=c[:DW], cc=c[DW:], b=float(svc.m.intercept_[0]))
        self.k_svc, self.k_aux = blk(self.svc), blk(self.aux)
        self.k_tok = self.tok.m.coef_.ravel().astype(np.float32)
        self.k_tok_b = float(self.tok.m.intercept_[0])
        sc, lr = self.meta[0], self.meta[-1]
        w = lr.coef_.ravel() / sc.scale_
        self.k_meta = (w.astype(np.float64), float(lr.intercept_[0] - (sc.mean_ * w).sum()))
        self.type_score = np.zeros(0, np.float32)
        return self

    @staticmethod
    def _rowsum(M, v, n):
        rows = np.repeat(np.arange(n), np.diff(M.indptr))
        return np.bincount(rows, v, n)

    def _fast_svc(self, k, Wl, Cl, n):
        out = np.full(n, k["b"])
        for M, idf, coef in ((Wl, k["idf_w"], k["cw"]), (Cl, k["idf_c"], k["cc"])):
            v = (1.0 + np.log(M.data)) * idf[M.indices]
            nrm = np.sqrt(self._rowsum(M, v * v, n))
            out += self._rowsum(M, v * coef[M.indices], n) / np.maximum(nrm, 1e-12)
        return out

    def _fast_svc2(self, Wl, Cl, n):
        """Scores of the bias SVC and the auxiliary SVC (they share IDF weights) in one pass."""
        k1, k2 = self.k_svc, self.k_aux
        out = np.tile([k1["b"], k2["b"]], (n, 1))
        for M, idf, c1, c2 in ((Wl, k1["idf_w"], k1["cw"], k2["cw"]), (Cl, k1["idf_c"], k1["cc"], k2["cc"])):
            rows = np.repeat(np.arange(n), np.diff(M.indptr))
            v = (1.0 + np.log(M.data.astype(np.float32))) * idf[M.indices]
            inv = 1.0 / np.maximum(np.sqrt(np.bincount(rows, v * v, n)), 1e-12)
            out[:, 0] += np.bincount(rows, v * c1[M.indices], n) * inv
            out[:, 1] += np.bincount(rows, v * c2[M.indices], n) * inv
        return out

    def fast_features(self, texts):
        T = self.fz.tokens(texts)
        n = T["n"]
        W, Cc = self.fz.sentence_counts(T)
        if len(self.type_score) < len(self.fz.ids):  # score new word types once
            new = self.fz.Mtok[len(self.type_score):]
            self.type_score = np.concatenate([self.type_score, new @ self.k_tok])
        cols, first = self.fz.token_context_cols(T)
        z = self.type_score[T["ids"]] + self.k_tok[cols].sum(1) + first * self.k_tok[12345] + self.k_tok_b
        p = 1.0 / (1.0 + np.exp(-z))
        F = np.column_stack([self._fast_svc2(W, Cc, n), aggregate(p, T)])
        return F, p, T

    def fast_predict_proba(self, texts):
        F = self.fast_features(texts)[0]
        w, b = self.k_meta
        return 1.0 / (1.0 + np.exp(-(F @ w + b)))

    def features(self, texts):
        T = self.fz.tokens(texts)
        W, Cc = self.fz.sentence_counts(T)
        A = self.fz.token_matrix(T)
        p = self.tok.proba(A)
        return np.column_stack([self.svc.score(W, Cc), self.aux.score(W, Cc), aggregate(p, T)]), p, T

    def predict_proba(self, texts):
        return self.meta.predict_proba(self.features(texts)[0])[:, 1]

    def token_scores(self, text):
        """(token, bias probability) pairs for one sentence — explains a rating."""
        _, p, _ = self.features([text])
        return list(zip(TOK.findall(text), p.round(3)))


# =============================== evaluation (run as a script) ===============================
if __name__ == "__main__":
    import ast, gzip, os, pickle, sys, time, warnings
    import pandas as pd
    from joblib import Parallel, delayed
    from sklearn.metrics import brier_score_loss, f1_score, roc_auc_score
    warnings.filterwarnings("ignore")
    DATA = str(Path(__file__).resolve().parents[4] / "shared/data/babe/final_labels_SG2.csv")
    d = pd.read_csv(DATA, sep=";", encoding="utf-8-sig")
    d = d[d.label_bias != "No agreement"].reset_index(drop=True)
    X = d.text.tolist()
    y = (d.label_bias == "Biased").astype(int).values
    BW = [ast.literal_eval(b) for b in d.biased_words]
    op = d.label_opinion.map({"Entirely factual": 0, "Somewhat factual but also opinionated": 1,
                              "Expresses writer’s opinion": 2}).fillna(-1).astype(int).values
    AUX = np.where(op < 0, -1, (op > 0).astype(int))  # auxiliary training target only
    typ = d.type.values
    outer = list(StratifiedKFold(5, shuffle=True, random_state=42).split(np.zeros(len(y)), y))

    def run_fold(tr, te):
        m = SlantModel().fit([X[i] for i in tr], y[tr], [BW[i] for i in tr], AUX[tr]).compile()
        return m.fast_predict_proba([X[i] for i in te]), (float(m.svc_C), float(m.meta_C))

    t0 = time.time()
    res = Parallel(n_jobs=int(os.environ.get("N_JOBS", 2)))(delayed(run_fold)(tr, te) for tr, te in outer)
    cv_secs = time.time() - t0
    oof = np.zeros(len(y))
    f1s, aucs, briers = [], [], []
    for (tr, te), (p, hp) in zip(outer, res):
        oof[te] = p
        f1s.append(f1_score(y[te], p >= 0.5, average="macro"))
        aucs.append(roc_auc_score(y[te], p))
        briers.append(brier_score_loss(y[te], p))
    pred = oof >= 0.5
    fpr = lambda mask: pred[(y == 0) & mask].mean()
    fl, fr = fpr(typ == "left"), fpr(typ == "right")
    print("BABE SG2, 5-fold StratifiedKFold(shuffle, random_state=42), threshold 0.5")
    print(f"macro-F1  {np.mean(f1s):.4f} ± {np.std(f1s):.4f}   folds {np.round(f1s, 4).tolist()}")
    print(f"ROC AUC   {np.mean(aucs):.4f} ± {np.std(aucs):.4f}")
    print(f"Brier     {np.mean(briers):.4f} ± {np.std(briers):.4f}")
    print(f"FPR left-outlet {fl:.3f}  right-outlet {fr:.3f}  center {fpr(typ == 'center'):.3f}  gap |L-R| {abs(fl - fr):.3f}")
    print("inner-CV choices per fold (svc_C, meta_C):", [hp for _, hp in res])
    print(f"CV wall time {cv_secs:.0f}s (n_jobs={os.environ.get('N_JOBS', 2)})")

    # ---- final model on all rows: size and prediction throughput ----
    t0 = time.time()
    final = SlantModel().fit(X, y, BW, AUX)
    print(f"final fit on {len(y)} sentences: {time.time() - t0:.0f}s")
    final.slim().clear_cache()
    blob = gzip.compress(pickle.dumps(final, protocol=5), 6)
    print(f"pickled+gzip model size {len(blob) / 1e6:.1f} MB")
    final = pickle.loads(gzip.decompress(blob))
    t0 = time.time(); final.fast_predict_proba(X); cold = time.time() - t0
    t0 = time.time(); final.fast_predict_proba(X); warm = time.time() - t0
    print(f"batch throughput: cold cache {len(X) / cold:,.0f} sent/s, warm cache {len(X) / warm:,.0f} sent/s")
    t0 = time.time()
    for x in X[:500]:
        final.fast_predict_proba([x])
    print(f"one sentence per call (warm): {500 / (time.time() - t0):,.0f} sent/s")
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        va = SentimentIntensityAnalyzer(); t0 = time.time()
        for x in X:
            va.polarity_scores(x)
        print(f"VADER polarity_scores for comparison: {len(X) / (time.time() - t0):,.0f} sent/s")
    except ImportError:
        pass
