#!/usr/bin/env python
"""Word-level loaded-word flagging on BABE: reference lexicons vs. a learned token classifier.

Self-contained. Prints
  1. reference flaggers (VADER |valence|>=2, TextBlob subjectivity>=0.5),
  2. the learned token flagger, 5-fold CV grouped by sentence (threshold picked inside training folds),
  3. (unless --no-lexicon) the effect of a "token is in a loaded-word lexicon" feature (VADER stand-in),
  4. prediction throughput of the compiled flagger.

Data: ../shared/data/babe/final_labels_SG2.csv (beside the checkout) (BABE, Spinde et al. 2021, AGPL-3.0). No data is written.

Usage: python best.py [--no-lexicon] [--no-textblob-resources] [--data PATH]
"""
from pathlib import Path
import argparse
import ast
import math
import os
import re
import sys
import time

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline

DATA = str(Path(__file__).resolve().parents[4] / "shared/data/babe/final_labels_SG2.csv")
TOK = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

# ----------------------------------------------------------------------------------------------
# data and metric


def tokenize(s):
    return TOK.findall(s)


def load(path=DATA):
    df = pd.read_csv(path, sep=";", encoding="utf-8-sig")
    df = df[df.label_bias != "No agreement"].reset_index(drop=True)  # 1 row, as the data README says
    gold = [ast.literal_eval(x) if isinstance(x, str) and x.strip() else [] for x in df.biased_words]
    return df, list(df.text), gold


def gold_set(entries):
    g = set()
    for e in entries:
        e = str(e).lower()
        g.add(e)
        g.update(t.lower() for t in TOK.findall(e))
    return g


def word_prf(sentences, gold_lists, predicted_token_sets):
    """Micro P/R/F1 over all token occurrences of all sentences.

    predicted_token_sets[i]: set of token indices into tokenize(sentences[i]), or a set of lowercase
    token strings (then every occurrence of those strings is flagged).
    Returns (P, R, F1, (tp, fp, fn)).
    """
    tp = fp = fn = 0
    for s, g, pred in zip(sentences, gold_lists, predicted_token_sets):
        gs = gold_set(g)
        pred = set(pred)
        by_index = all(isinstance(p, (int, np.integer)) for p in pred)
        for i, t in enumerate(TOK.findall(s)):
            lt = t.lower()
            y = lt in gs
            p = (i in pred) if by_index else (lt in pred)
            tp += y and p
            fp += (not y) and p
            fn += y and not p
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F, (tp, fp, fn)


def token_labels(s, g):
    gs = gold_set(g)
    return [t.lower() in gs for t in TOK.findall(s)]


# ----------------------------------------------------------------------------------------------
# generic resources shipped with installed packages (no network)


def vader_lexicon():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer().lexicon  # word -> mean valence (-4..4)


def textblob_subjectivity():
    from textblob.en import sentiment as tbs  # lazy dict loaded from textblob/en/en-sentiment.xml
    # entry: {POS or None: [polarity, subjectivity, intensity]}; the None key averages the senses
    return {w: d[None][1] for w, d in tbs.items() if None in d}


def _read_pairs(path):
    d = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(";;;") or not line.strip():
                continue
            p = line.split()
            if len(p) >= 2:
                d.setdefault(p[0], p[1])
    return d


def textblob_pos_and_freq():
    """Brill's POS lexicon (word -> most likely tag) and a word-frequency list, both shipped in textblob."""
    import textblob
    base = os.path.join(os.path.dirname(textblob.__file__), "en")
    pos = _read_pairs(os.path.join(base, "en-lexicon.txt"))
    pos_l = {}
    for k, v in pos.items():
        pos_l.setdefault(k.lower(), v)
    freq = {k.lower(): int(v) for k, v in _read_pairs(os.path.join(base, "en-spelling.txt")).items()}
    return pos, pos_l, freq


# ----------------------------------------------------------------------------------------------
# features

STOP = frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being
it its this that these those he she they we you i his her their our your my me him them us who whom
which what when where why how not no nor so than then there here do does did have has had will would
shall should can could may might must about into over under after before up down out off again also
just only very more most such all any both each few other some own same s t""".split())


class Featurizer:
    """Token features. Split into a per-token-string static part (memoisable) and a contextual part,
    so that a trained linear model can be compiled into dictionaries for fast prediction."""

    def __init__(self, use_textblob=True, lexicon=None, lex_mode="binary", subword=True):
        self.use_tb = use_textblob
        self.subword = subword  # prefixes 2-6 and character 3-5-grams of the word
        if use_textblob:
            self.pos, self.pos_l, self.freq = textblob_pos_and_freq()
        self.lexicon = lexicon  # dict word -> weight (only for the lexicon experiment)
        self.lex_mode = lex_mode

    def tag(self, t):
        return self.pos.get(t) or self.pos_l.get(t.lower()) or "UNK"

    def static(self, t):
        """Features that depend only on the (cased) token string."""
        w = t.lower()
        f = {"w=" + w: 1.0}
        n = len(w)
        for k in (2, 3, 4):
            if n > k:
                f["s%d=%s" % (k, w[-k:])] = 1.0
        if self.subword:
            for k in (2, 3, 4, 5, 6):
                if n > k + 1:
                    f["p%d=%s" % (k, w[:k])] = 1.0
            ww = "<" + w + ">"
            for k in (3, 4, 5):
                for a in range(len(ww) - k + 1):
                    f["c%d=%s" % (k, ww[a:a + k])] = 1.0
        if t[0].isupper():
            f["cap"] = 1.0
        if t.isupper() and len(t) > 1:
            f["allcap"] = 1.0
        if any(c.isdigit() for c in t):
            f["digit"] = 1.0
        if "-" in t:
            f["hyph"] = 1.0
        f["len=%d" % min(n, 12)] = 1.0
        if w in STOP:
            f["stop"] = 1.0
        if self.use_tb:
            f["pos=" + self.tag(t)] = 1.0
            f["fq=%d" % min(int(math.log2(self.freq.get(w, 0) + 1)), 16)] = 1.0
        if self.lexicon is not None and w in self.lexicon:
            f["lex"] = 1.0 if self.lex_mode == "binary" else self.lexicon[w]
        return f

    def context(self, toks, low, i, n):
        """Features that depend on the neighbours / position."""
        f = {
            "w-1=" + (low[i - 1] if i > 0 else "<s1>"): 1.0,
            "w+1=" + (low[i + 1] if i + 1 < n else "</s1>"): 1.0,
            "w-2=" + (low[i - 2] if i > 1 else "<s1>" if i == 1 else "<s2>"): 1.0,
            "w+2=" + (low[i + 2] if i + 2 < n else "</s1>" if i + 2 == n else "</s2>"): 1.0,
            "rp=%d" % int(5 * i / n): 1.0,
            "rpn": i / max(n - 1, 1),
            "L%d" % min(n // 8, 6): 1.0,
        }
        if i == 0 and toks[0][0].isupper():
            f["cap0"] = 1.0
        if self.use_tb:
            f["pos-1=" + (self.tag(toks[i - 1]) if i > 0 else "BOS")] = 1.0
            f["pos+1=" + (self.tag(toks[i + 1]) if i + 1 < n else "EOS")] = 1.0
        return f

    def sentence(self, s):
        toks = TOK.findall(s)
        low = [t.lower() for t in toks]
        n = len(toks)
        out = []
        for i, t in enumerate(toks):
            f = self.static(t)
            f.update(self.context(toks, low, i, n))
            out.append(f)
        return out


# extra dense columns built from the sentence-level bias score z = p(biased) - 0.5:
#   ss = z ; ss_ns = z if the token is not a stopword ; lex_ss = z if the token is in the lexicon
def dense_cols(tokens_lower, z, lexicon=None):
    cols = [z, 0.0 if tokens_lower in STOP else z]
    if lexicon is not None:
        cols.append(z if tokens_lower in lexicon else 0.0)
    return cols


# ----------------------------------------------------------------------------------------------
# models

SGD_PARAMS = dict(loss="log_loss", alpha=4e-5, max_iter=30, tol=None, random_state=0)


def sentence_model():
    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(C=4.0, max_iter=2000))


def oof_sentence_scores(S, y, seed, k=5):
    out = np.zeros(len(S))
    for a, b in StratifiedKFold(k, shuffle=True, random_state=seed).split(S, y):
        m = sentence_model().fit([S[i] for i in a], y[a])
        out[b] = m.predict_proba([S[i] for i in b])[:, 1]
    return out


def best_threshold(p, y, min_prec=0.5):
    """Threshold maximising F1 among thresholds whose precision >= min_prec (falls back to best F1)."""
    o = np.argsort(-p)
    ys = y[o].astype(float)
    tp = np.cumsum(ys)
    prec = tp / np.arange(1, len(ys) + 1)
    rec = tp / max(ys.sum(), 1)
    f = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0)
    ok = prec >= min_prec
    g = np.where(ok, f, -1) if ok.any() else f
    j = int(np.argmax(g))
    return float((p[o][j] + p[o][min(j + 1, len(p) - 1)]) / 2), float(f[j]), float(prec[j])


class Data:
    """All tokens of all sentences, featurised once (static + context); per-fold only the dense
    sentence-score columns change."""

    def __init__(self, S, G, feat):
        self.S, self.G = S, G
        self.low = [[t.lower() for t in TOK.findall(s)] for s in S]
        self.Y = [np.array(token_labels(s, g), dtype=np.int8) for s, g in zip(S, G)]
        self.off = np.cumsum([0] + [len(y) for y in self.Y])
        self.dv = DictVectorizer()
        X = self.dv.fit_transform([f for s in S for f in feat.sentence(s)]).tocsr()
        X.indices = X.indices.astype(np.int32)
        X.indptr = X.indptr.astype(np.int32)
        self.X = X
        self.lexicon = feat.lexicon

    def rows(self, idx):
        return np.concatenate([np.arange(self.off[i], self.off[i + 1]) for i in idx])

    def matrix(self, idx, z):
        D = np.array([dense_cols(w, z[i] - 0.5, self.lexicon) for i in idx for w in self.low[i]])
        return sparse.hstack([self.X[self.rows(idx)], sparse.csr_matrix(D)], format="csr")

    def y(self, idx):
        return np.concatenate([self.Y[i] for i in idx])


def cross_validate(S, G, ysent, feat, label, inner_k=3, min_prec=0.5, verbose=True):
    t0 = time.time()
    d = Data(S, G, feat)
    pred = [None] * len(S)
    folds = []
    for fi, (tr, te) in enumerate(StratifiedKFold(5, shuffle=True, random_state=42).split(S, ysent)):
        # sentence-level bias score: out-of-fold (inner 5-fold) for training sentences, and from a model
        # fitted on the whole training fold for the held-out sentences
        z = np.zeros(len(S))
        z[tr] = oof_sentence_scores([S[i] for i in tr], ysent[tr], seed=fi)
        sm = sentence_model().fit([S[i] for i in tr], ysent[tr])
        z[te] = sm.predict_proba([S[i] for i in te])[:, 1]
        # flag threshold from an inner CV over the training sentences only
        pp, yy = [], []
        for a, b in StratifiedKFold(inner_k, shuffle=True, random_state=100 + fi).split(tr, ysent[tr]):
            A, B = tr[a], tr[b]
            m = SGDClassifier(**SGD_PARAMS).fit(d.matrix(A, z), d.y(A))
            pp.append(m.predict_proba(d.matrix(B, z))[:, 1])
            yy.append(d.y(B))
        thr, f_in, p_in = best_threshold(np.concatenate(pp), np.concatenate(yy), min_prec)
        m = SGDClassifier(**SGD_PARAMS).fit(d.matrix(tr, z), d.y(tr))
        p = m.predict_proba(d.matrix(te, z))[:, 1]
        pos = 0
        for i in te:
            n = len(d.Y[i])
            pred[i] = {j for j in range(n) if p[pos + j] >= thr}
            pos += n
        r = word_prf([S[i] for i in te], [G[i] for i in te], [pred[i] for i in te])
        folds.append(r[:3])
        if verbose:
            print("    fold %d: threshold %.3f (inner F1 %.3f, P %.3f) -> P %.3f R %.3f F1 %.3f  [%.0fs]"
                  % (fi, thr, f_in, p_in, *r[:3], time.time() - t0), flush=True)
    mean = np.mean(folds, axis=0)
    sd = np.std(folds, axis=0)
    micro = word_prf(S, G, pred)
    print("  %-46s fold-mean P %.3f R %.3f F1 %.3f (sd %.3f) | micro P %.3f R %.3f F1 %.3f | %.0fs"
          % (label, *mean, sd[2], *micro[:3], time.time() - t0), flush=True)
    return mean, micro


# ----------------------------------------------------------------------------------------------
# compiled flagger (what would ship): fit once, predict with dictionary look-ups


class WordFlagger:
    def __init__(self, use_textblob=True, min_prec=0.5, inner_k=3):
        self.feat = Featurizer(use_textblob)
        self.min_prec, self.inner_k = min_prec, inner_k

    def fit(self, S, G, ysent):
        d = Data(S, G, self.feat)
        z = oof_sentence_scores(S, ysent, seed=0)
        allidx = np.arange(len(S))
        pp, yy = [], []
        for a, b in StratifiedKFold(self.inner_k, shuffle=True, random_state=100).split(allidx, ysent):
            m = SGDClassifier(**SGD_PARAMS).fit(d.matrix(a, z), d.y(a))
            pp.append(m.predict_proba(d.matrix(b, z))[:, 1])
            yy.append(d.y(b))
        thr = best_threshold(np.concatenate(pp), np.concatenate(yy), self.min_prec)[0]
        self.logit_thr = math.log(thr / (1 - thr))
        m = SGDClassifier(**SGD_PARAMS).fit(d.matrix(allidx, z), d.y(allidx))
        self.sent = sentence_model().fit(S, ysent)
        coef = m.coef_.ravel()
        names = d.dv.feature_names_
        nsparse = len(names)
        self.w = {k: float(c) for k, c in zip(names, coef[:nsparse]) if c != 0.0}
        self.w_ss, self.w_ssns = float(coef[nsparse]), float(coef[nsparse + 1])
        self.b = float(m.intercept_[0])
        self._compile()
        self._compile_sentence_model()
        self._check = (m, d)  # for verify(); not needed for prediction
        return self

    def verify(self, idx):
        """Max |compiled logit - sklearn decision_function| over the given sentences."""
        m, d = self._check
        z = np.zeros(len(d.S))
        z[idx] = self.sent.predict_proba([d.S[i] for i in idx])[:, 1]
        zmine = np.array([self.sentence_prob(d.S[i]) for i in idx])
        assert np.abs(zmine - z[idx]).max() < 1e-9, "compiled sentence model differs from sklearn's"
        ref = m.decision_function(d.matrix(idx, z))
        mine = np.array([v for r in self.scores([d.S[i] for i in idx]) for _, v in r])
        return float(np.abs(ref - mine).max())

    def _compile(self):
        """Split the weight dictionary into per-slot look-up tables (no string building at predict time)."""
        w = self.w
        slots = {"w-1=": {}, "w+1=": {}, "w-2=": {}, "w+2=": {}, "pos-1=": {}, "pos+1=": {}}
        for k, v in w.items():
            for p, d in slots.items():
                if k.startswith(p):
                    d[k[len(p):]] = v
        self.m1, self.p1, self.m2, self.p2 = slots["w-1="], slots["w+1="], slots["w-2="], slots["w+2="]
        self.tm1, self.tp1 = slots["pos-1="], slots["pos+1="]
        self.rp = [w.get("rp=%d" % k, 0.0) for k in range(5)]
        self.rpn = w.get("rpn", 0.0)
        self.lenb = [w.get("L%d" % k, 0.0) for k in range(7)]
        self.cap0 = w.get("cap0", 0.0)
        self._static = {}

    def _compile_sentence_model(self):
        """TF-IDF(1-2-gram, sublinear, l2) + LR as a dict {n-gram: (idf, coef)} scored in pure Python
        (same numbers as sklearn's pipeline, without its per-call overhead)."""
        vec, lr = self.sent.steps[0][1], self.sent.steps[-1][1]
        self._sre = re.compile(vec.token_pattern)
        coef = lr.coef_.ravel()
        self._sw = {g: (float(vec.idf_[j]), float(coef[j])) for g, j in vec.vocabulary_.items()}
        self._sb = float(lr.intercept_[0])

    def sentence_prob(self, s):
        ws = self._sre.findall(s.lower())
        counts = {}
        sw = self._sw
        for g in ws + [a + " " + b for a, b in zip(ws, ws[1:])]:
            if g in sw:
                counts[g] = counts.get(g, 0) + 1
        num = den = 0.0
        for g, c in counts.items():
            idf, cf = sw[g]
            v = (1.0 + math.log(c)) * idf
            num += v * cf
            den += v * v
        x = self._sb + (num / math.sqrt(den) if den > 0 else 0.0)
        return 1.0 / (1.0 + math.exp(-x))

    def _static_entry(self, t):
        """(static score, lowercase form, POS tag, stopword?) for a token string, memoised."""
        e = self._static.get(t)
        if e is None:
            w = self.w
            s = sum(w.get(k, 0.0) * v for k, v in self.feat.static(t).items())
            low = t.lower()
            e = (s, low, self.feat.tag(t) if self.feat.use_tb else None, low in STOP)
            if len(self._static) < 500_000:
                self._static[t] = e
        return e

    def scores(self, sentences):
        """Per sentence, the list of (token, logit). Vectorised sentence model, dict look-ups per token."""
        ps = [self.sentence_prob(s) for s in sentences]
        m1, p1, m2, p2, tm1, tp1 = self.m1, self.p1, self.m2, self.p2, self.tm1, self.tp1
        rp, rpn, tb, b = self.rp, self.rpn, self.feat.use_tb, self.b
        entry = self._static_entry
        out = []
        for s, p in zip(sentences, ps):
            toks = TOK.findall(s)
            n = len(toks)
            if not n:
                out.append([])
                continue
            E = [entry(t) for t in toks]
            low = ["<s2>", "<s1>"] + [e[1] for e in E] + ["</s1>", "</s2>"]
            tags = ["BOS"] + [e[2] for e in E] + ["EOS"]
            z = p - 0.5
            zs, zns = self.w_ss * z, (self.w_ss + self.w_ssns) * z
            base = b + self.lenb[min(n // 8, 6)]
            step = 1.0 / max(n - 1, 1)
            res = []
            for i, (t, e) in enumerate(zip(toks, E)):
                v = (base + e[0] + m1.get(low[i + 1], 0.0) + p1.get(low[i + 3], 0.0) + m2.get(low[i], 0.0)
                     + p2.get(low[i + 4], 0.0) + rp[5 * i // n] + rpn * i * step + (zs if e[3] else zns))
                if tb:
                    v += tm1.get(tags[i], 0.0) + tp1.get(tags[i + 2], 0.0)
                if i == 0 and t[0].isupper():
                    v += self.cap0
                res.append((t, v))
            out.append(res)
        return out

    def flag(self, sentences):
        """Per sentence, the set of flagged token indices (tokens as in tokenize())."""
        return [{i for i, (_, v) in enumerate(r) if v >= self.logit_thr} for r in self.scores(sentences)]


# ----------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--no-lexicon", action="store_true", help="skip the lexicon-feature experiment")
    ap.add_argument("--speed-only", action="store_true", help="only fit the compiled flagger and time it")
    ap.add_argument("--no-textblob-resources", action="store_true",
                    help="best model without textblob's POS lexicon and frequency list")
    args = ap.parse_args()
    T0 = time.time()
    df, S, G = load(args.data)
    ysent = (df.label_bias == "Biased").astype(int).values
    ntok = sum(len(tokenize(s)) for s in S)
    npos = word_prf(S, G, [set()] * len(S))[3][2]
    print("BABE: %d sentences, %d tokens, %d gold-positive tokens (%.1f%%)" % (len(S), ntok, npos, 100 * npos / ntok))

    print("\n1. Reference lexicon flaggers (all sentences)")
    vl = vader_lexicon()
    vader = {w for w, v in vl.items() if abs(v) >= 2}
    tb = textblob_subjectivity()
    tbl = {w for w, s in tb.items() if s >= 0.5}
    for name, lex in [("VADER |valence|>=2 (%d words)" % len(vader), vader),
                      ("TextBlob subjectivity>=0.5 (%d words)" % len(tbl), tbl)]:
        P, R, F, _ = word_prf(S, G, [{i for i, t in enumerate(tokenize(s)) if t.lower() in lex} for s in S])
        print("  %-46s P %.3f R %.3f F1 %.3f" % (name, P, R, F))

    use_tb = not args.no_textblob_resources
    if args.speed_only:
        args.no_lexicon = True
    else:
        print("\n2. Learned token flagger: SGD logistic regression, 5-fold CV grouped by sentence")
        print("   (threshold = max F1 with precision >= 0.5 on an inner 3-fold CV of the training fold)")
        cross_validate(S, G, ysent, Featurizer(use_tb), "best%s" % ("" if use_tb else " (no textblob resources)"))

    if not args.no_lexicon:
        print("\n3. Lexicon feature (stand-in: VADER |valence|>=2 membership), same CV")
        lexw = {w: abs(v) / 4.0 for w, v in vl.items() if abs(v) >= 2}
        cross_validate(S, G, ysent, Featurizer(use_tb, lexw, "binary"), "best + VADER member (binary)", verbose=False)
        cross_validate(S, G, ysent, Featurizer(use_tb, lexw, "weight"), "best + VADER |valence|/4 weight", verbose=False)
        print("  a plain model (word, suffixes, shape, context, position, sentence score; no subwords/POS/freq):")
        cross_validate(S, G, ysent, Featurizer(False, subword=False), "plain", verbose=False)
        cross_validate(S, G, ysent, Featurizer(False, lexw, "binary", subword=False), "plain + VADER member (binary)",
                       verbose=False)

    print("\n4. Compiled flagger: fit on all sentences, time prediction")
    t = time.time()
    fl = WordFlagger(use_tb).fit(S, G, ysent)
    print("  fit on %d sentences: %.1fs" % (len(S), time.time() - t))
    print("  compiled vs. sklearn logits, max abs diff: %.2e" % fl.verify(np.arange(0, len(S), 7)))
    fl._static.clear()
    t = time.time()
    pr = fl.flag(S)
    dt = time.time() - t
    print("  cold-cache prediction: %d sentences in %.2fs = %.0f sentences/s" % (len(S), dt, len(S) / dt))
    t = time.time()
    for _ in range(3):
        pr = fl.flag(S)
    dt = (time.time() - t) / 3
    print("  warm-cache prediction: %.0f sentences/s (%.0f tokens/s)" % (len(S) / dt, ntok / dt))
    t = time.time()
    for s in S[:1000]:
        fl.flag([s])
    print("  one sentence per call: %.0f sentences/s" % (1000 / (time.time() - t)))
    print("  (in-sample fit, for sanity only: P %.3f R %.3f F1 %.3f)" % word_prf(S, G, pr)[:3])
    print("\ntotal %.0fs" % (time.time() - T0))


if __name__ == "__main__":
    sys.exit(main())
