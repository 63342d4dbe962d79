"""Word clusters for the tagger, learned from unlabelled text of normalised word keys.

Input: one sentence a line, words separated by single spaces, each word already the tagger's own
normalised key (written by `sanad corpus text`). Output: a TSV table, most frequent word first:

    key <TAB> k64 <TAB> k256 <TAB> k1024 <TAB> path

k64/k256/k1024 are flat k-means cluster ids (0-based) of the word's L2-normalised word2vec vector
at three granularities; path is the bit string of the word's k1024 cluster in a Ward dendrogram
built over the 1024 centroids (root to leaf, 0 = left), cut to --max-path bits, so features can use
prefixes (as with Brown clusters). Every step is seeded and single-threaded (run with
PYTHONHASHSEED=0 and one BLAS/OpenMP thread: tools/clusters/run.sh does), so a rerun gives the same
table.
"""
import argparse
import os
import sys
import time

import numpy as np
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence
from scipy.cluster.hierarchy import linkage
from sklearn.cluster import KMeans


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def leaf_paths(link, n_leaves, max_bits):
    """Bit path of every leaf of a scipy linkage matrix (root to leaf)."""
    children = {}
    for i, row in enumerate(link):
        children[n_leaves + i] = (int(row[0]), int(row[1]))
    root = n_leaves + len(link) - 1
    paths = [""] * n_leaves
    stack = [(root, "")]
    while stack:
        node, p = stack.pop()
        if node < n_leaves:
            paths[node] = p[:max_bits]
            continue
        left, right = children[node]
        stack.append((left, p + "0"))
        stack.append((right, p + "1"))
    return paths


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text", required=True, help="key text, one sentence a line")
    ap.add_argument("--out", required=True, help="output TSV")
    ap.add_argument("--top", type=int, default=100000, help="most frequent words kept in the table")
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ks", default="64,256,1024")
    ap.add_argument("--max-path", type=int, default=16)
    ap.add_argument("--save-vectors", help="also save the word vectors (gensim KeyedVectors) here")
    a = ap.parse_args()
    if os.environ.get("PYTHONHASHSEED") != "0":
        sys.exit("learn.py: set PYTHONHASHSEED=0 (tools/clusters/run.sh does) so the run is reproducible")
    ks = [int(k) for k in a.ks.split(",")]

    t0 = time.time()
    log(f"word2vec over {a.text}: {a.dims} dims, window {a.window}, min_count {a.min_count}, "
        f"{a.epochs} epochs, CBOW, 1 worker, seed {a.seed}")
    model = Word2Vec(
        sentences=LineSentence(a.text),
        vector_size=a.dims,
        window=a.window,
        min_count=a.min_count,
        workers=1,
        seed=a.seed,
        epochs=a.epochs,
        sg=0,
    )
    wv = model.wv
    t1 = time.time()
    log(f"vocabulary {len(wv.index_to_key)} words (min_count {a.min_count}), "
        f"{model.corpus_total_words} tokens; word2vec took {t1 - t0:.0f} s")
    if a.save_vectors:
        wv.save(a.save_vectors)
    n = min(a.top, len(wv.index_to_key))
    keys = wv.index_to_key[:n]
    x = wv.vectors[:n].astype(np.float64)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    codes = {}
    centroids = None
    for k in ks:
        km = KMeans(n_clusters=k, n_init=1, max_iter=50, random_state=a.seed, algorithm="lloyd")
        codes[k] = km.fit_predict(x)
        if k == max(ks):
            centroids = km.cluster_centers_
        log(f"k-means k={k}: inertia {km.inertia_:.1f}, {km.n_iter_} iterations")
    link = linkage(centroids, method="ward")
    paths = leaf_paths(link, len(centroids), a.max_path)
    depth = [len(p) for p in paths]
    log(f"Ward tree over {len(centroids)} centroids: path length {min(depth)}-{max(depth)} (cut at {a.max_path})")
    t2 = time.time()
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(f"# word clusters (tools/clusters/learn.py): {a.text.rsplit('/', 1)[-1]}, {model.corpus_total_words} tokens, "
                f"vocabulary {len(wv.index_to_key)}; top {n} words; word2vec CBOW {a.dims} dims window {a.window} "
                f"min_count {a.min_count} epochs {a.epochs} seed {a.seed}; k-means {a.ks}; Ward path of k{max(ks)}\n")
        f.write("# key\t" + "\t".join(f"k{k}" for k in ks) + "\tpath\n")
        for i, key in enumerate(keys):
            f.write(key + "\t" + "\t".join(str(int(codes[k][i])) for k in ks) + "\t" + paths[int(codes[max(ks)][i])] + "\n")
    log(f"wrote {a.out}: {n} words; clustering took {t2 - t1:.0f} s, total {t2 - t0:.0f} s")


if __name__ == "__main__":
    main()
