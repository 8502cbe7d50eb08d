/**
 * The data-science questions of the list: what to do with the data before (and around) a model.
 * In our own words; each model answer is 3–6 sentences and names the mechanism, not a slogan.
 */
import type { InterviewQuestion } from './questionTypes';

export const dataNormalization: InterviewQuestion = {
	id: 'data-normalization',
	topic: 'data',
	title: 'Data normalization',
	ask: 'What is data normalization, and why do we need it?',
	answer:
		'Normalization rescales the inputs, typically by subtracting each feature’s mean and dividing by its standard deviation (or mapping it to a fixed range), with the statistics taken from the training set only. For gradient descent the reason is conditioning: for a linear layer with squared loss the Hessian is the inputs’ second-moment matrix, and the number of steps to converge grows with its condition number κ = λmax/λmin. Pixels in [0, 255] that are all positive and strongly correlated give a huge κ, so one learning rate is too large along one direction and too small along another; centring and scaling shrink κ by orders of magnitude. It also keeps activations in the range where initialisations and nonlinearities were designed to work. Scale-free models such as decision trees barely care, which is a good sign that the point is optimisation rather than meaning.',
	misconception: {
		common: 'Normalization makes every feature count equally in the model.',
		correction:
			'The model learns its own weights, and a linear model fitted to convergence finds the same predictions on scaled or unscaled inputs. What changes is how fast and how stably gradient descent gets there (the conditioning of the loss surface). Where scale does change the answer — k-nearest neighbours, k-means, PCA, a penalty such as L2 — it is because the method measures distance or size, and that is a modelling choice to make deliberately.'
	},
	followUps: [
		'Dividing every pixel by the image’s standard deviation: does convergence get faster? (No: κ is unchanged by a uniform scale; only centring and per-direction scaling change it.)',
		'Why compute the mean and σ on the training set only?',
		'What does whitening add over standardising, and why is it rarely used on images?',
		'Min–max scaling or standardising when there are outliers?'
	],
	sources: [
		{
			text: 'LeCun, Bottou, Orr & Müller, “Efficient BackProp”, in Neural Networks: Tricks of the Trade, Springer, 1998.'
		},
		{
			text: 'Goodfellow, Bengio & Courville, Deep Learning, MIT Press, 2016, §8.2 and §12.2.',
			url: 'https://www.deeplearningbook.org/'
		}
	],
	labs: [
		{
			path: '/normalization/',
			query: 'show=raw255',
			look: 'κ of your own image’s 3×3 patches for five preprocessings, and how many gradient steps each one takes.'
		}
	]
};

export const dimensionalityReduction: InterviewQuestion = {
	id: 'dimensionality-reduction',
	topic: 'data',
	title: 'Dimensionality reduction',
	ask: 'What is dimensionality reduction, and when would you use it?',
	answer:
		'Dimensionality reduction maps data with many features to fewer, keeping as much of some structure as it can: PCA keeps the directions of largest variance (a linear projection onto the top eigenvectors of the covariance matrix), while t-SNE and UMAP keep neighbourhoods and give a nonlinear 2-D or 3-D picture. It is used to visualise, to compress, to remove noise and collinearity before a simple model, and to fight the curse of dimensionality for distance-based methods. Choose the number of PCA components from the explained-variance curve or, better, from the downstream task’s validation score. Fit the reduction on the training data only and apply the same map to the test data.',
	misconception: {
		common:
			'The top principal components are the most important features, and a t-SNE or UMAP plot shows real cluster sizes and distances.',
		correction:
			'PCA ranks directions by variance, not by how well they predict the label: a low-variance direction can carry the class. t-SNE and UMAP preserve local neighbourhoods; the sizes of clusters and the gaps between them depend on the perplexity or neighbour count and are not to be read as distances.'
	},
	followUps: [
		'How do you choose the number of components?',
		'PCA on the 8×8 patches of a photo: what do the top components look like? (Smooth gratings, close to a Fourier basis, not edge detectors; ICA gives edges.)',
		'What does PCA assume that an autoencoder does not?',
		'Why should the reduction be fitted inside each cross-validation fold?'
	],
	sources: [
		{
			text: 'Jolliffe & Cadima, “Principal component analysis: a review and recent developments”, Phil. Trans. R. Soc. A 374, 2016.'
		},
		{
			text: 'Wattenberg, Viégas & Johnson, “How to Use t-SNE Effectively”, Distill, 2016.',
			url: 'https://distill.pub/2016/misread-tsne/'
		},
		{
			text: 'McInnes, Healy & Melville, “UMAP: Uniform Manifold Approximation and Projection”, 2018.',
			url: 'https://arxiv.org/abs/1802.03426'
		}
	],
	labs: [
		{
			path: '/pca/',
			query: '',
			look: 'the principal components of your own photo’s patches, and PCA or UMAP of pixels against the classifier’s embedding.'
		}
	]
};

export const missingData: InterviewQuestion = {
	id: 'missing-data',
	topic: 'data',
	title: 'Missing or corrupted data',
	ask: 'How do you handle missing or corrupted data in a dataset?',
	answer:
		'First find out why it is missing, because the mechanism decides what is safe: missing completely at random, missing at random given other observed columns, or missing because of the value itself (a sensor that fails when it is hot). Corrupted values are found the same way as outliers — range checks, impossible combinations, plots — and then treated as missing. Dropping rows is fine when few are affected and the loss is random; otherwise impute, from simple medians plus a “was missing” indicator column to model-based or multiple imputation that keeps the uncertainty. Fit every imputer on the training fold only, and check whether the missingness itself predicts the label, since that is information a model can use.',
	misconception: {
		common: 'Fill the gaps with the column mean and move on.',
		correction:
			'Mean imputation shrinks the variance, weakens correlations and, when the data are not missing at random, biases the estimates. It can be a reasonable baseline for a predictive model if an indicator column is added, but it is a choice to justify, and the mean must come from the training data.'
	},
	followUps: [
		'What are MCAR, MAR and MNAR, and can you tell them apart from the data alone?',
		'Why can computing the imputation on the whole dataset leak information?',
		'Which models handle missing values natively?',
		'How would you detect label noise?'
	],
	sources: [
		{ text: 'Rubin, “Inference and missing data”, Biometrika 63(3):581–592, 1976.' },
		{
			text: 'van Buuren, Flexible Imputation of Missing Data, 2nd ed., CRC Press, 2018.',
			url: 'https://stefvanbuuren.name/fimd/'
		}
	],
	labs: []
};

export const clustering: InterviewQuestion = {
	id: 'clustering',
	topic: 'data',
	title: 'Clustering',
	ask: 'How would you cluster a dataset, and how do you know the clusters are any good?',
	answer:
		'Clustering groups points without labels, and each algorithm encodes a different idea of a group: k-means finds k compact, roughly spherical groups of similar spread; Gaussian mixtures allow elliptical groups with soft membership; DBSCAN finds dense regions of any shape and leaves noise unassigned; hierarchical clustering gives a tree to cut at any level. Scale the features first, because every one of them measures distance. Judge the result with internal scores such as the silhouette, with stability under resampling, and above all with what the clusters mean for the task. Every method returns clusters even on structureless data, so compare against data with no structure before trusting them.',
	misconception: {
		common:
			'k-means finds the natural groups, and the elbow of the inertia curve tells you how many there are.',
		correction:
			'k-means always returns k groups, assumes convex clusters of similar size and fails on rings, elongated shapes and very unequal densities. The elbow is a heuristic that is often ambiguous; the number of clusters is as much a question about the use of the result as about the data.'
	},
	followUps: [
		'How does k-means++ initialisation help?',
		'When would you choose DBSCAN over k-means?',
		'How would you cluster images?',
		'What does the silhouette score measure?'
	],
	sources: [
		{
			text: 'Jain, “Data clustering: 50 years beyond K-means”, Pattern Recognition Letters 31(8):651–666, 2010.'
		},
		{
			text: 'Ester, Kriegel, Sander & Xu, “A density-based algorithm for discovering clusters in large spatial databases with noise”, KDD 1996.'
		},
		{
			text: 'Rousseeuw, “Silhouettes: a graphical aid to the interpretation and validation of cluster analysis”, J. Comput. Appl. Math. 20:53–65, 1987.'
		}
	],
	labs: []
};

export const exploratoryAnalysis: InterviewQuestion = {
	id: 'exploratory-analysis',
	topic: 'data',
	title: 'Exploratory data analysis',
	ask: 'What do you do in exploratory data analysis before you build a model?',
	answer:
		'Look at the data before trusting any summary of it: the size, types and units of every column, the label’s distribution, missing values and duplicates. Plot each feature’s distribution and the pairs that matter, look at a random sample of raw rows or images, and check how the data were collected, since sampling decides what a model can generalise to. Hunt for leakage — features that would not exist at prediction time, identifiers that encode the label, the same patient or photo in train and test. The output is a list of decisions: how to split, what to clean, what baseline to beat, and which metric matches the cost of errors.',
	misconception: {
		common: 'The mean, the standard deviation and the correlation summarise a dataset.',
		correction:
			'Anscombe’s quartet and the Datasaurus dozen have identical means, variances and correlations and utterly different pictures. Summary statistics hide clusters, outliers, nonlinear relations and data errors: plot first.'
	},
	followUps: [
		'How would you detect leakage between training and test data?',
		'How do you split data that has a time order, or several images per patient?',
		'What would you look at first in an image dataset?'
	],
	sources: [
		{ text: 'Tukey, Exploratory Data Analysis, Addison-Wesley, 1977.' },
		{
			text: 'Anscombe, “Graphs in statistical analysis”, The American Statistician 27(1):17–21, 1973.'
		},
		{
			text: 'Matejka & Fitzmaurice, “Same Stats, Different Graphs”, CHI 2017.'
		}
	],
	labs: []
};

export const choosingModel: InterviewQuestion = {
	id: 'choosing-a-model',
	topic: 'data',
	title: 'Choosing a model',
	ask: 'How do you choose which model to use for a problem?',
	answer:
		'Start from the problem: the kind of data, how much of it, how errors are costed, and the limits on latency, memory and interpretability. Build the simplest honest baseline first (a constant, a linear or logistic model) so every later gain is measured against something. Then try the families whose assumptions match the data — gradient-boosted trees for tabular features, convolutional or transformer networks for images, text and audio — and compare them by cross-validation on the training data with the metric you actually care about. Touch the test set once, at the end; tuning on it makes its score optimistic.',
	misconception: {
		common: 'Deep learning is the strongest choice for any problem with enough data.',
		correction:
			'No learning algorithm is best for every problem (the no-free-lunch theorems). On medium-sized tabular data, tree ensembles still usually beat deep networks, and a network’s advantage comes from a prior that fits the data — locality and weight sharing for images — not from depth alone.'
	},
	followUps: [
		'What is the bias–variance trade-off, and how does it show in learning curves?',
		'Why is selecting hyperparameters on the test set a mistake?',
		'When would you prefer an interpretable model over a more accurate one?'
	],
	sources: [
		{
			text: 'Wolpert, “The lack of a priori distinctions between learning algorithms”, Neural Computation 8(7), 1996.'
		},
		{
			text: 'Grinsztajn, Oyallon & Varoquaux, “Why do tree-based models still outperform deep learning on tabular data?”, NeurIPS 2022.',
			url: 'https://arxiv.org/abs/2207.08815'
		},
		{
			text: 'Cawley & Talbot, “On over-fitting in model selection and subsequent selection bias in performance evaluation”, JMLR 11, 2010.'
		}
	],
	labs: []
};

export const imbalancedData: InterviewQuestion = {
	id: 'imbalanced-data',
	topic: 'data',
	title: 'Imbalanced data',
	ask: 'How do you handle a dataset where one class is rare?',
	answer:
		'First choose a metric that sees the rare class: precision and recall, their F-score, the area under the precision–recall curve, or an expected cost, rather than accuracy. Keep the class ratio in every split (stratify) so validation resembles deployment. Then the remedies: weight the loss by class, resample (oversample the rare class, with or without synthetic points such as SMOTE, or undersample the common one), or use a focal loss; and in every case tune the decision threshold on validation data for the cost of each error. Which of weighting and oversampling finds more of the rare class is not fixed: in the imbalance lab it turns on the training recipe, above all on the initialisation (class weights lead from He’s, oversampling from PyTorch’s default), and trained four times longer the two meet: once a deep network fits its few rare examples, reweighting or resampling them changes it less (Byrd & Lipton). Without retraining, logit adjustment subtracts the log of each class’s training prior from the logits: the ranking (ROC AUC) is unchanged, and it recovers the rare class only as far as the model already scores it, so it gains as the model trains. If the model’s probabilities will be used as probabilities, recalibrate them after any reweighting or resampling.',
	misconception: {
		common:
			'On data that is 98 % negative, a classifier that always says “negative” has 98 % precision.',
		correction:
			'Its 98 % is the accuracy. It predicts no positives, so its precision on the positive class is undefined (0/0) and its recall is 0: it finds none of the cases that matter. That is the accuracy paradox, and why accuracy is the wrong metric here.'
	},
	followUps: [
		'Why can ROC AUC look good when precision is poor on imbalanced data?',
		'What goes wrong if you oversample before splitting into train and test?',
		'How do you pick the decision threshold?'
	],
	sources: [
		{
			text: 'He & Garcia, “Learning from Imbalanced Data”, IEEE Trans. Knowledge and Data Engineering 21(9), 2009.'
		},
		{
			text: 'Saito & Rehmsmeier, “The precision-recall plot is more informative than the ROC plot when evaluating binary classifiers on imbalanced datasets”, PLOS ONE 10(3), 2015.',
			url: 'https://doi.org/10.1371/journal.pone.0118432'
		},
		{
			text: 'Buda, Maki & Mazurowski, “A systematic study of the class imbalance problem in convolutional neural networks”, Neural Networks 106, 2018.',
			url: 'https://arxiv.org/abs/1710.05381'
		},
		{
			text: 'Menon, Jayasumana, Rawat, Jain, Veit & Kumar, “Long-tail learning via logit adjustment”, ICLR 2021.',
			url: 'https://arxiv.org/abs/2007.07314'
		},
		{
			text: 'Byrd & Lipton, “What is the Effect of Importance Weighting in Deep Learning?”, ICML 2019.',
			url: 'https://arxiv.org/abs/1812.03372'
		},
		{
			text: 'Lin, Goyal, Girshick, He & Dollár, “Focal Loss for Dense Object Detection”, ICCV 2017.',
			url: 'https://arxiv.org/abs/1708.02002'
		}
	],
	labs: [
		{
			path: '/imbalance/',
			query: '',
			look: 'a class made rare in the classifier’s training data, every remedy trained side by side, the rare class’s recall by step (where logit adjustment stands as the baseline learns), and the accuracy paradox.'
		},
		{
			path: '/imbalance/',
			query: 'recipe=adam-pytorch',
			look: 'the same run with only the initialisation changed, to PyTorch’s default: oversampling now finds more of the rare class than class weights, and logit adjustment loses its lead — which remedy wins is a property of the recipe, not a law.'
		},
		{
			path: '/imbalance/',
			query: 'steps=3440',
			look: 'the default run trained four times longer: the baseline finds rare images by itself as it fits its few examples, class weights and oversampling fall back towards it, and the chart of recall by step shows when.'
		},
		{
			path: '/network/',
			query: 'cell=6,0',
			look: 'the trained classifier’s confusion matrix: accuracy hides which classes it confuses (shirts taken for T-shirts).'
		}
	]
};

export const yourProjects: InterviewQuestion = {
	id: 'your-projects',
	topic: 'you',
	title: 'Related projects and your research',
	ask: 'Tell me about a project or research of yours related to this role.',
	answer:
		'Pick one project you know to the bottom and tell it as a short story: the problem and why it mattered, the data, the baseline, what you did and why, and the result as a measured number against that baseline. Say plainly what was yours in a team. Keep a failure or a surprise ready — what did not work, how you found out, what you changed — because that is where the follow-up questions go and where judgement shows. End with what you would do next or differently, and link it to the role.',
	misconception: {
		common: 'List as many projects, tools and techniques as possible to show breadth.',
		correction:
			'Interviewers probe depth: one project explained to the level of its data problems, its metric and its failures is worth more than a list. Every claim invites a follow-up, so mention only what you can defend with numbers.'
	},
	followUps: [
		'Why did you choose that metric, and what was the baseline?',
		'What would you do differently with ten times the data, or a tenth of it?',
		'How did you know the model was not learning a shortcut?',
		'How would you deploy and monitor it?'
	],
	sources: [
		{
			text: 'Huyen, Introduction to Machine Learning Interviews, 2021.',
			url: 'https://huyenchip.com/ml-interviews-book/'
		},
		{
			text: 'Mitchell et al., “Model Cards for Model Reporting”, FAT* 2019 — a checklist of what to say about a model.',
			url: 'https://arxiv.org/abs/1810.03993'
		}
	],
	labs: [
		{
			path: '/network/',
			query: 'sal=gradcam',
			look: 'how to show what a model attends to (Grad-CAM) — the kind of evidence that answers “was it a shortcut?”.'
		}
	]
};
