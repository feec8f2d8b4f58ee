"""Streaming: chunked stream filters and StreamPredictor equal offline prediction."""

import importlib.util

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from sklearn_har.datasets import load_sample
from sklearn_har.features import StatisticalFeatureExtractor
from sklearn_har.pipeline import make_svm_pipeline
from sklearn_har.preprocessing import (
    ButterworthFilter,
    ChannelStandardScaler,
    GravitySeparator,
    MedianFilter,
    UCIHARPreprocessor,
)
from sklearn_har.streaming import StreamPredictor
from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier

CHUNKS = [1, 7, 64, 1000, 3, 128, 50, 1, 255]


def _chunks(x, sizes=CHUNKS, seed=0):
    """Split ``x`` into chunks of the given sizes (cycled, shuffled)."""
    rng = np.random.default_rng(seed)
    out, i = [], 0
    while i < x.shape[0]:
        n = int(rng.choice(sizes))
        out.append(x[i : i + n])
        i += n
    return out


def _concat(results):
    keys = [k for k in results[0] if results[0][k] is not None]
    return {k: np.concatenate([r[k] for r in results]) for k in keys}


@pytest.fixture(scope="module")
def sample():
    data = load_sample()
    X = [r[:3000] for r in data.recordings[:3]]
    y = [lab[:3000] for lab in data.labels[:3]]
    return X, y, data.recordings[5][:2500]


@pytest.fixture(scope="module")
def svm_clf(sample):
    X, y, _ = sample
    return WindowedClassifier(
        SlidingWindowTransformer(128, 64),
        make_svm_pipeline(),
        preprocessor=UCIHARPreprocessor(),
    ).fit(X, y)


# -- the chunk API of the stream transformers ---------------------------------


@pytest.mark.parametrize(
    "transformer",
    [
        MedianFilter(5),
        MedianFilter(3, mode="constant"),
        ButterworthFilter(5.0, btype="low", zero_phase=False),
        ButterworthFilter((1.0, 10.0), btype="band", zero_phase=False),
        GravitySeparator(output="both"),
        UCIHARPreprocessor(),
        UCIHARPreprocessor(median_kernel=1, gyro_drift_cutoff=None),
    ],
    ids=repr,
)
def test_transform_chunk_equals_transform(transformer):
    x = np.random.default_rng(0).normal(size=(1500, 6))
    offline = transformer.fit(x).transform(x)
    delay = transformer.stream_delay()
    state = transformer.init_stream()
    parts = []
    for chunk in _chunks(x):
        before = {k: v.copy() for k, v in state.items()}
        out, new = transformer.transform_chunk(chunk, state)
        for k in state:  # never modified in place
            np.testing.assert_array_equal(state[k], before[k])
        state = new
        parts.append(out)
    streamed = np.concatenate(parts)
    assert streamed.shape == (x.shape[0] - delay, offline.shape[1])
    np.testing.assert_allclose(streamed, offline[: x.shape[0] - delay], atol=1e-12)
    # a batch of streams
    xb = np.stack([x, 2 * x, x[::-1]])
    state = transformer.init_stream(3)
    parts = []
    for a in range(0, 1500, 300):
        out, state = transformer.transform_chunk(xb[:, a : a + 300], state)
        parts.append(out)
    streamed = np.concatenate(parts, axis=1)
    for k in range(3):
        np.testing.assert_allclose(
            streamed[k], transformer.transform(xb[k])[: 1500 - delay], atol=1e-12
        )


@pytest.mark.parametrize(
    "transformer, alternative",
    [
        (ButterworthFilter(), "ButterworthFilter(zero_phase=False)"),
        (GravitySeparator(zero_phase=True), "GravitySeparator(zero_phase=False)"),
        (UCIHARPreprocessor(mode="zero_phase"), "mode='published'"),
        (UCIHARPreprocessor(gravity_zero_phase=True), "mode='published'"),
        (MedianFilter(mode="reflect"), "mode='nearest'"),
    ],
    ids=repr,
)
def test_non_causal_transformers_are_refused(transformer, alternative):
    x = np.random.default_rng(0).normal(size=(500, 6))
    transformer.fit(x)
    with pytest.raises(
        ValueError, match=alternative.replace("(", r"\(").replace(")", r"\)")
    ):
        transformer.init_stream()
    rng = np.random.default_rng(0)
    model = make_pipeline(StatisticalFeatureExtractor(), LogisticRegression()).fit(
        rng.normal(size=(20, 10, 6)), np.repeat([0, 1], 10)
    )
    with pytest.raises(ValueError, match="stream"):
        StreamPredictor(
            model,
            window_size=10,
            step=5,
            preprocessor=transformer,
        )


def test_transform_chunk_bad_input():
    x = np.random.default_rng(0).normal(size=(100, 3))
    med = MedianFilter().fit(x)
    state = med.init_stream()
    with pytest.raises(ValueError, match="2 channels, but MedianFilter is expecting 3"):
        med.transform_chunk(x[:, :2], state)
    with pytest.raises(ValueError, match="NaN"):
        med.transform_chunk(np.full((4, 3), np.nan), state)
    with pytest.raises(ValueError, match="shape"):
        med.transform_chunk(x[0], state)
    with pytest.raises(NotFittedError):
        MedianFilter().init_stream()


# -- StreamPredictor: exactness ------------------------------------------------


def _stream_one(predictor, x, seed=0):
    results = [predictor.update(c) for c in _chunks(x, seed=seed)]
    return _concat(results)


def test_svm_561_pipeline_streamed_equals_offline(svm_clf, sample):
    x = sample[2]
    stream = StreamPredictor(svm_clf, per_sample=True)
    got = _stream_one(stream, x)
    assert stream.delay_ == 1
    pre = svm_clf.preprocessor_.transform(x)
    Xw = SlidingWindowTransformer(128, 64).fit_transform(pre)
    stops = np.arange(Xw.shape[0]) * 64 + 128
    done = stops <= x.shape[0] - stream.delay_  # windows the stream completed
    assert done.sum() == got["label"].size > 30
    np.testing.assert_array_equal(got["stop"], stops[done])
    np.testing.assert_array_equal(got["start"], stops[done] - 128)
    np.testing.assert_array_equal(got["label"], svm_clf.estimator_.predict(Xw[done]))
    offline_windows, _ = svm_clf.predict_windows(x)
    np.testing.assert_array_equal(got["label"], offline_windows[done])
    # per-sample labels: the rows of WindowedClassifier.predict
    per_sample = got["sample_labels"].ravel()
    np.testing.assert_array_equal(per_sample, svm_clf.predict(x)[: per_sample.size])


@pytest.mark.parametrize(
    "classifier, window_size, step",
    [(LinearSVC(C=0.01), 100, 30), (LogisticRegression(C=0.1), 60, 80)],
    ids=["votes", "proba-with-gaps"],
)
def test_per_sample_labels_equal_offline(sample, classifier, window_size, step):
    X, y, x = sample
    clf = WindowedClassifier(
        SlidingWindowTransformer(window_size, step),
        make_pipeline(StatisticalFeatureExtractor(), classifier),
        preprocessor=MedianFilter(5),
    ).fit(X, y)
    stream = StreamPredictor(clf, per_sample=True)
    got = _stream_one(stream, x, seed=3)
    assert ("proba" in got) == hasattr(classifier, "predict_proba")
    if "proba" in got:
        offline, _ = clf.predict_windows(x)
        Xw = SlidingWindowTransformer(window_size, step).fit_transform(
            clf.preprocessor_.transform(x)
        )[: got["label"].size]
        np.testing.assert_allclose(got["proba"], clf.estimator_.predict_proba(Xw))
    per_sample = got["sample_labels"].ravel()
    assert per_sample.size > 2000
    np.testing.assert_array_equal(per_sample, clf.predict(x)[: per_sample.size])


def test_interleaved_streams_equal_each_alone(svm_clf, sample):
    X, _, x = sample
    recs = {"a": x[:1500], 7: X[0][:1300], ("p", 2): X[1][200:1700]}
    alone = {
        k: _stream_one(StreamPredictor(svm_clf), r, seed=1) for k, r in recs.items()
    }
    rng = np.random.default_rng(5)
    pos = dict.fromkeys(recs, 0)
    stream = StreamPredictor(svm_clf)
    results = []
    while any(pos[k] < len(r) for k, r in recs.items()):
        batch = {}
        for k, r in recs.items():
            if pos[k] < len(r) and rng.random() < 0.8:
                n = int(rng.choice(CHUNKS))
                batch[k] = r[pos[k] : pos[k] + n]
                pos[k] += n
        results.append(stream.update(batch))
    got = _concat(results)
    for k in recs:
        mine = np.array([s == k for s in got["stream"]])
        for key in ("start", "stop", "label"):
            np.testing.assert_allclose(got[key][mine], alone[k][key], atol=1e-12)
    # reset one stream: it starts again at sample 0, the others go on
    stream.reset("a")
    assert "a" not in stream.stream_ids_
    again = _stream_one(stream, recs["a"])
    np.testing.assert_array_equal(again["label"], alone["a"]["label"])
    stream.reset()
    assert stream.stream_ids_ == []


@pytest.mark.skipif(
    importlib.util.find_spec("tensorflow") is None, reason="needs TensorFlow"
)
def test_deep_pipeline_streamed_equals_offline(sample):
    from sklearn_har.deep import CNNClassifier

    X, y, x = sample
    pre = ButterworthFilter(15.0, zero_phase=False).fit(X)
    sw = SlidingWindowTransformer(64, 32)
    Xw, yw, _ = sw.segment(pre.transform(X), y)
    params = {**CNNClassifier._get_test_params(), "random_state": 0}
    model = make_pipeline(ChannelStandardScaler(), CNNClassifier(**params)).fit(Xw, yw)
    stream = StreamPredictor(model, window_size=64, step=32, preprocessor=pre)
    got = _stream_one(stream, x[:1500], seed=2)
    offline = sw.fit_transform(pre.transform(x[:1500]))
    assert got["label"].size == offline.shape[0]
    np.testing.assert_allclose(got["proba"], model.predict_proba(offline), atol=1e-5)
    np.testing.assert_array_equal(got["label"], model.predict(offline))


# -- StreamPredictor: bad input ------------------------------------------------


def test_bad_chunks_raise_and_leave_state_untouched(svm_clf, sample):
    x = sample[2][:1000]
    ref_stream = StreamPredictor(svm_clf)
    ref = _concat([ref_stream.update(c) for c in (x[:500], x[500:])])
    stream = StreamPredictor(svm_clf)
    first = stream.update({"s": x[:500]})
    bad = x[500:].copy()
    bad[10, 2] = np.nan
    with pytest.raises(ValueError, match="stream 's' contains NaN"):
        stream.update({"s": bad, "new": x[:100]})
    with pytest.raises(
        ValueError, match="3 channels, but the stream predictor was fitted on 6"
    ):
        stream.update({"s": x[500:, :3]})
    with pytest.raises(ValueError, match="2-D"):
        stream.update({"s": x[500]})
    with pytest.raises(ValueError, match="2-D"):
        stream.update(x[None])
    with pytest.raises(ValueError, match="Unknown stream id 'nope'"):
        stream.reset("nope")
    assert stream.stream_ids_ == ["s"] and stream.n_samples_seen("s") == 500
    second = stream.update({"s": x[500:]})
    got = _concat([first, second])
    np.testing.assert_array_equal(got["label"], ref["label"])
    np.testing.assert_array_equal(got["stop"], ref["stop"])
    empty = stream.update({"s": x[:0]})
    assert empty.label.size == 0 and empty.proba is None


def test_construction_errors(svm_clf):
    windows_model = make_pipeline(StatisticalFeatureExtractor(), LogisticRegression())
    with pytest.raises(NotFittedError):
        StreamPredictor(windows_model, window_size=10, step=5)
    with pytest.raises(NotFittedError):
        StreamPredictor(WindowedClassifier(estimator=windows_model))
    with pytest.raises(ValueError, match="window_size and step must be given"):
        StreamPredictor(svm_clf.estimator_)
    with pytest.raises(ValueError, match="must be None with a WindowedClassifier"):
        StreamPredictor(svm_clf, window_size=128)
    with pytest.raises(TypeError, match="preprocessor"):
        StreamPredictor(
            svm_clf.estimator_,
            window_size=128,
            step=64,
            preprocessor=ChannelStandardScaler(),
        )
    with pytest.raises(ValueError, match="step"):
        StreamPredictor(svm_clf.estimator_, window_size=128, step=0)
