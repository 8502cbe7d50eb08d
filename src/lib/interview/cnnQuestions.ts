/**
 * The CNN questions of the list. Each links to the lab that shows the answer on the learner's
 * own image, with the settings that set it up; numbers quoted here are checked in
 * tests/unit/interview/questions.test.ts.
 */
import type { InterviewQuestion } from './questionTypes';

export const convVsFullyConnected: InterviewQuestion = {
	id: 'conv-vs-fully-connected',
	topic: 'cnn',
	title: 'Convolutions vs fully connected layers',
	ask: 'Why do we use convolutions for images instead of fully connected layers?',
	answer:
		'A convolution builds in two facts about images: nearby pixels belong together (each output looks at a small k×k window, locality), and a pattern means the same wherever it appears (one kernel is shared by every position, weight sharing). So a conv layer with 64 kernels of 3×3×3 has 1,728 weights whatever the image size, while a fully connected layer from a 224×224×3 image to 1,000 units has 150,528,000. Fewer parameters means less data needed and less overfitting, and weight sharing makes the layer translation equivariant: shift the input and the feature map shifts with it. A fully connected layer ignores the pixels’ arrangement altogether — shuffle the pixels, permute its weights the same way, and it computes exactly the same output.',
	misconception: {
		common: 'Convolutions are just a cheaper fully connected layer.',
		correction:
			'A convolution is a fully connected layer with most weights forced to zero and the rest tied together — a strong prior, not only a saving. The prior is what lets it generalise from little data; a fully connected layer could represent the same map but would have to learn it, position by position.'
	},
	followUps: [
		'How many parameters and multiply-adds does a 3×3 conv with 64 input and 128 output channels have on a 56×56 map?',
		'What does a 1×1 convolution do?',
		'What is weight sharing, and when is it the wrong assumption (faces aligned in a passport photo)?'
	],
	sources: [
		{
			text: 'LeCun, Bottou, Bengio & Haffner, “Gradient-based learning applied to document recognition”, Proc. IEEE 86(11), 1998.'
		},
		{
			text: 'Goodfellow, Bengio & Courville, Deep Learning, MIT Press, 2016, ch. 9.',
			url: 'https://www.deeplearningbook.org/contents/convnets.html'
		}
	],
	labs: [
		{
			path: '/fc-vs-conv/',
			query: 'units=1000',
			look: 'parameters and multiply-adds of 1,000 FC units against 1,000 conv kernels on your image, and the pixel-shuffle experiment.'
		},
		{
			path: '/convolution/',
			query: 'kernel=sobel-x',
			look: 'one kernel slid over your image: the same nine weights at every position.'
		}
	]
};

export const translationInvariance: InterviewQuestion = {
	id: 'translation-invariance',
	topic: 'cnn',
	title: 'Translation invariance',
	ask: 'What makes CNNs translation invariant?',
	answer:
		'Convolution at stride 1 is translation equivariant, not invariant: shift the input by one pixel and every feature map shifts by one pixel (away from the borders). Invariance — the same output wherever the object is — comes later, from pooling, which tolerates shifts smaller than its window, and from the global pooling or averaging at the end. Even that invariance is only approximate: striding and pooling subsample the maps, and subsampling without a low-pass filter aliases, so a one-pixel shift can change the output a lot. Much of the invariance a trained network shows is learned from data augmentation rather than built in.',
	misconception: {
		common: 'CNNs are translation invariant because of convolution.',
		correction:
			'Convolution is equivariant (the map moves with the input); only pooling adds invariance, and only approximately, because strided subsampling aliases. Azulay & Weiss showed modern CNNs can change their prediction under a one-pixel shift; blurring before subsampling (Zhang’s BlurPool) restores much of the lost invariance. Padding also lets networks learn absolute position.'
	},
	followUps: [
		'Is max-pooling 2×2 with stride 2 invariant to a 1-pixel shift? To a 2-pixel shift?',
		'Why does stride cause aliasing, and how does BlurPool reduce it?',
		'Can a CNN tell where in the image an object is? (Yes: zero padding leaks absolute position.)'
	],
	sources: [
		{
			text: 'Azulay & Weiss, “Why do deep convolutional networks generalize so poorly to small image transformations?”, JMLR 20, 2019.',
			url: 'https://arxiv.org/abs/1805.12177'
		},
		{
			text: 'Zhang, “Making Convolutional Networks Shift-Invariant Again”, ICML 2019.',
			url: 'https://arxiv.org/abs/1904.11486'
		},
		{
			text: 'Kayhan & van Gemert, “On Translation Invariance in CNNs: Convolutional Layers can Exploit Absolute Spatial Location”, CVPR 2020.',
			url: 'https://arxiv.org/abs/2003.07064'
		}
	],
	labs: [
		{
			path: '/invariance/',
			query: 'dx=1&dy=0',
			look: 'similarity against shift for the conv maps (shifted back: identical), max-pool, blur-pool, global pooling and an FC layer.'
		}
	]
};

export const maxPooling: InterviewQuestion = {
	id: 'max-pooling',
	topic: 'cnn',
	title: 'Max-pooling',
	ask: 'Why do CNNs use max-pooling?',
	answer:
		'Max-pooling keeps the strongest response in each window — 2×2 with stride 2 keeps one value in four — so it downsamples the feature maps while keeping whether a feature was detected. That cuts the compute and memory of every later layer (a quarter of the positions for the next conv) and makes each later unit see a larger part of the image, growing the receptive field quickly. It also tolerates small shifts of a feature within a window, since the maximum does not care where in the window it came from. It has no parameters; its gradient flows only to the winner of each window.',
	misconception: {
		common: 'Pooling is what makes a CNN translation invariant, and a CNN needs it.',
		correction:
			'Pooling only tolerates shifts within its window, and a shift across a window boundary changes the output (aliasing). Nor is it essential: the All-Convolutional Net replaced every pooling layer by a strided convolution with no loss, and many modern networks downsample that way.'
	},
	followUps: [
		'Max or average pooling: when would you choose each? What does global average pooling replace?',
		'What is the gradient of max-pooling?',
		'What is the output size of a 3×3 max-pool with stride 2 on a 55×55 map? (27×27.)'
	],
	sources: [
		{
			text: 'Boureau, Ponce & LeCun, “A theoretical analysis of feature pooling in visual recognition”, ICML 2010.'
		},
		{
			text: 'Scherer, Müller & Behnke, “Evaluation of pooling operations in convolutional architectures for object recognition”, ICANN 2010.'
		},
		{
			text: 'Springenberg, Dosovitskiy, Brox & Riedmiller, “Striving for Simplicity: The All Convolutional Net”, ICLR 2015 workshop.',
			url: 'https://arxiv.org/abs/1412.6806'
		}
	],
	labs: [
		{
			path: '/pooling/',
			query: 'pool=max&psize=2&pstride=2',
			look: 'which input won each window, the next layer’s multiply-adds with and without pooling, and the map’s change as the image shifts.'
		}
	]
};

export const encoderDecoder: InterviewQuestion = {
	id: 'encoder-decoder',
	topic: 'cnn',
	title: 'Encoder–decoder segmentation',
	ask: 'Why do segmentation CNNs have an encoder–decoder structure?',
	answer:
		'Segmentation needs two things at once: context to decide what a pixel belongs to, and a label for every pixel at full resolution. The encoder downsamples step by step, which cheaply grows the receptive field and turns pixels into semantic features, but loses where exactly things are. The decoder upsamples back to the input’s size (by transposed convolution or resize-then-convolve) so every pixel gets a prediction. Skip connections, as in U-Net, bring the encoder’s high-resolution maps into the decoder at each level, so boundaries come back sharp instead of blurred.',
	misconception: {
		common:
			'The decoder reverses the encoder, and a transposed convolution is a deconvolution that undoes a convolution.',
		correction:
			'Nothing is inverted: the decoder learns to produce the mask from coarse features, and a transposed convolution is the adjoint (the gradient) of a strided convolution, not its inverse. With a kernel not divisible by its stride it paints uneven overlaps — checkerboard artefacts — which resize-then-convolve avoids.'
	},
	followUps: [
		'What do the skip connections of U-Net carry, and what happens without them?',
		'What causes checkerboard artefacts?',
		'How does dilated (atrous) convolution keep context without downsampling?',
		'Which loss would you use for a small foreground object?'
	],
	sources: [
		{
			text: 'Long, Shelhamer & Darrell, “Fully Convolutional Networks for Semantic Segmentation”, CVPR 2015.',
			url: 'https://arxiv.org/abs/1411.4038'
		},
		{
			text: 'Ronneberger, Fischer & Brox, “U-Net: Convolutional Networks for Biomedical Image Segmentation”, MICCAI 2015.',
			url: 'https://arxiv.org/abs/1505.04597'
		},
		{
			text: 'Odena, Dumoulin & Olah, “Deconvolution and Checkerboard Artifacts”, Distill, 2016.',
			url: 'https://distill.pub/2016/deconv-checkerboard/'
		}
	],
	labs: [
		{
			path: '/segmentation/',
			query: 'skips=false',
			look: 'a U-Net trained live on your scribbles without skip connections; turn them on and compare the boundaries (IoU, boundary F-score).'
		}
	]
};

export const residualNetworks: InterviewQuestion = {
	id: 'residual-networks',
	topic: 'cnn',
	title: 'Residual networks',
	ask: 'What are residual connections, and why do they help?',
	answer:
		'A residual block computes x + F(x): the layers learn only a correction F to an identity shortcut. He et al. found that plain networks got worse with depth on the training set itself — a 56-layer plain net had higher training error than a 20-layer one — which is an optimisation failure, not overfitting. With shortcuts, a block that is not needed can learn F ≈ 0, and gradients reach early layers through the identity path, so networks of 100+ layers train and keep improving. Residual networks also have smoother loss surfaces and behave partly like an ensemble of shallower paths: deleting one block at test time costs little, while deleting a layer of a plain network destroys it.',
	misconception: {
		common: 'Residual connections were invented to fix vanishing gradients.',
		correction:
			'With careful initialisation and batch normalization, deep plain networks already got gradients through; what ResNets fixed was degradation — deeper plain nets fitting the training set worse. Shortcuts help optimisation, and that is the claim to make.'
	},
	followUps: [
		'What is the degradation problem, and why is it not overfitting?',
		'What happens when you delete one block of a trained ResNet? Of a plain network?',
		'Why a 1×1 convolution on the shortcut when the shapes differ? What is a bottleneck block?'
	],
	sources: [
		{
			text: 'He, Zhang, Ren & Sun, “Deep Residual Learning for Image Recognition”, CVPR 2016.',
			url: 'https://arxiv.org/abs/1512.03385'
		},
		{
			text: 'Veit, Wilber & Belongie, “Residual Networks Behave Like Ensembles of Relatively Shallow Networks”, NeurIPS 2016.',
			url: 'https://arxiv.org/abs/1605.06431'
		},
		{
			text: 'Li, Xu, Taylor, Studer & Goldstein, “Visualizing the Loss Landscape of Neural Nets”, NeurIPS 2018.',
			url: 'https://arxiv.org/abs/1712.09913'
		}
	],
	labs: [
		{
			path: '/residual/',
			query: 'depth=56',
			look: '56-layer plain and residual networks trained side by side: the training loss shows the degradation, and the lesion test deletes a block at test time.'
		},
		{
			path: '/receptive-field/',
			query: 'arch=resnet50&archb=vgg16',
			look: 'ResNet-50 as a graph with its shortcuts, layer by layer: sizes, receptive fields and cost beside VGG-16.'
		}
	]
};

export const batchNormalization: InterviewQuestion = {
	id: 'batch-normalization',
	topic: 'cnn',
	title: 'Batch normalization',
	ask: 'What is batch normalization, and why does it work?',
	answer:
		'Batch normalization standardises each channel of a layer’s pre-activations with the mean and variance of the current mini-batch, then applies a learned scale γ and shift β so the layer can still represent any range. At test time it uses running averages of those statistics collected during training, so the output no longer depends on the batch. In practice it allows much larger learning rates, makes training far less sensitive to initialisation, and adds a little regularising noise from the batch statistics. Why it works is still debated; the best-supported account is that it makes the loss surface smoother and better conditioned, so larger steps are safe.',
	misconception: {
		common: 'Batch norm works by reducing internal covariate shift.',
		correction:
			'That was the original motivation, and it is contested: Santurkar et al. added noise after batch norm that made the layer input distributions shift more, and the network trained about as well, while measured covariate shift is not clearly reduced. Their evidence points to a smoother loss landscape; Bjorck et al. tie the gain to the larger learning rates it permits.'
	},
	followUps: [
		'What does batch norm do differently in training and in inference, and what goes wrong with small batches?',
		'Where do you put it relative to the ReLU and the convolution’s bias?',
		'What do layer norm and group norm do instead, and when are they better?'
	],
	sources: [
		{
			text: 'Ioffe & Szegedy, “Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift”, ICML 2015.',
			url: 'https://arxiv.org/abs/1502.03167'
		},
		{
			text: 'Santurkar, Tsipras, Ilyas & Mądry, “How Does Batch Normalization Help Optimization?”, NeurIPS 2018.',
			url: 'https://arxiv.org/abs/1805.11604'
		},
		{
			text: 'Bjorck, Gomes, Selman & Weinberger, “Understanding Batch Normalization”, NeurIPS 2018.',
			url: 'https://arxiv.org/abs/1806.02375'
		},
		{
			text: 'Wu & He, “Group Normalization”, ECCV 2018.',
			url: 'https://arxiv.org/abs/1803.08494'
		}
	],
	labs: [
		{
			path: '/batch-norm/',
			query: 'lr=3',
			look: 'at a learning rate of 3, six times the lab’s default, a network trained live plain, with batch norm and with noisy batch norm (Santurkar’s test of the covariate-shift story).'
		},
		{
			path: '/segmentation/',
			query: 'bn=true',
			look: 'a U-Net with batch norm trained live on your scribbles; switch it off and compare.'
		}
	]
};

export const smallKernels: InterviewQuestion = {
	id: 'small-kernels',
	topic: 'cnn',
	title: 'Many small kernels vs few large ones',
	ask: 'Why use many 3×3 kernels instead of a few large ones?',
	answer:
		'A stack of small kernels sees as far as one large kernel with fewer weights: each stride-1 3×3 layer adds 2 pixels to the receptive field, so three of them see 7×7, like one 7×7 layer. With C channels in and out, the three 3×3 layers have 3·9·C² = 27C² weights against 49C² for the 7×7, and two 3×3 have 18C² against 25C² for one 5×5. The stack also puts a nonlinearity between the layers, so it can compute functions a single linear 7×7 filter cannot. This is the argument of VGG, and factorising kernels further (1×n then n×1) is the same idea.',
	misconception: {
		common:
			'Three 3×3 layers are equivalent to one 7×7 layer because they have the same receptive field.',
		correction:
			'Same theoretical receptive field, different model: fewer weights, more nonlinearity, and a different effective receptive field — the influence of input pixels falls off roughly like a Gaussian from the centre, so a unit uses mostly the middle of its field. Nor are small kernels always best: depthwise 7×7 (ConvNeXt) and even 31×31 kernels (RepLKNet) have been made to work well.'
	},
	followUps: [
		'What is the receptive field of five 3×3 convs with a stride-2 layer in the middle? (Use the recurrence r += (k − 1)·j.)',
		'What is the effective receptive field, and how does it grow with depth?',
		'How does dilation enlarge the receptive field without more weights?'
	],
	sources: [
		{
			text: 'Simonyan & Zisserman, “Very Deep Convolutional Networks for Large-Scale Image Recognition”, ICLR 2015.',
			url: 'https://arxiv.org/abs/1409.1556'
		},
		{
			text: 'Luo, Li, Urtasun & Zemel, “Understanding the Effective Receptive Field in Deep Convolutional Neural Networks”, NeurIPS 2016.',
			url: 'https://arxiv.org/abs/1701.04128'
		},
		{
			text: 'Araujo, Norris & Sim, “Computing Receptive Fields of Convolutional Neural Networks”, Distill, 2019.',
			url: 'https://distill.pub/2019/computing-receptive-fields/'
		},
		{
			text: 'Ding, Zhang, Han & Ding, “Scaling Up Your Kernels to 31×31: Revisiting Large Kernel Design in CNNs”, CVPR 2022.',
			url: 'https://arxiv.org/abs/2203.06717'
		}
	],
	labs: [
		{
			path: '/receptive-field/',
			query: 'arch=conv3x3&archb=conv7',
			look: 'three 3×3 layers beside one 7×7: the same receptive field, the weights and multiply-adds, and the effective receptive field.'
		}
	]
};
