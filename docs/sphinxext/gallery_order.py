"""Reading order of the example gallery (sphinx-gallery ``within_subsection_order``)."""

# From the data to evaluation, then features, deep models and the
# handcrafted-vs-deep comparison; unlisted examples follow by name.
ORDER = (
    "plot_windowing.py",
    "plot_activity_classifier_sessions.py",
    "plot_your_own_logs.py",
    "plot_subject_wise_evaluation.py",
    "plot_tune_window_size.py",
    "plot_uci_har_svm.py",
    "plot_feature_sets.py",
    "plot_deep_cnn.py",
    "plot_cnn_standardization.py",
    "plot_cnn_filters_kernels.py",
    "plot_multihead_cnn.py",
    "plot_lstm.py",
    "plot_recurrent_models.py",
    "plot_handcrafted_vs_deep.py",
    "plot_deploy_stream_export.py",
)


class ExampleOrder:
    """Sort key: position in ``ORDER``, then file name."""

    def __init__(self, src_dir):
        self.src_dir = src_dir

    def __repr__(self):
        return "<ExampleOrder>"

    def __call__(self, filename):
        name = str(filename).rsplit("/", 1)[-1]
        rank = ORDER.index(name) if name in ORDER else len(ORDER)
        return (rank, name)
