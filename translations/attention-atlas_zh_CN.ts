<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>atlas::ui::AblationPanel</name>
    <message>
        <source>“%1” %2</source>
        <translation>“%1” %2</translation>
    </message>
    <message>
        <source>Switched-off heads have their output zeroed. Right-click a head in the grid and choose “Switch head off”. The grid then shows the ablated model; below, the predictions and every head&apos;s change.</source>
        <translation>被关闭的注意力头输出置零。在网格中右键点击一个注意力头，选择“关闭注意力头”。网格随即显示消融后的模型；下方显示预测结果和每个注意力头的变化。</translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>Switch the selected heads back on</source>
        <translation>重新开启选中的注意力头</translation>
    </message>
    <message>
        <source>Switch all on</source>
        <translation>全部开启</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原模型</translation>
    </message>
    <message>
        <source>Ablated</source>
        <translation>消融后</translation>
    </message>
    <message>
        <source>Could not compute the ablation: %1</source>
        <translation>无法计算消融结果：%1</translation>
    </message>
    <message>
        <source>Layer %1 · Head %2</source>
        <translation>第 %1 层 · 注意力头 %2</translation>
    </message>
    <message>
        <source>All heads are on.</source>
        <translation>所有注意力头都已开启。</translation>
    </message>
    <message>
        <source>ablated</source>
        <translation>消融后</translation>
    </message>
    <message>
        <source>original</source>
        <translation>原模型</translation>
    </message>
    <message numerus="yes">
        <source>Running the model with %n head(s) off…</source>
        <translation>
            <numerusform>正在关闭 %n 个注意力头后运行模型…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n head(s) off. Largest change of an attention weight: %1.</source>
        <translation>
            <numerusform>已关闭 %n 个注意力头。注意力权重的最大变化：%1。</numerusform>
        </translation>
    </message>
    <message>
        <source>After token</source>
        <translation>在该词元之后</translation>
    </message>
    <message>
        <source>At token</source>
        <translation>在该词元处</translation>
    </message>
    <message>
        <source>The most likely token changed</source>
        <translation>最可能的词元发生了变化</translation>
    </message>
</context>
<context>
    <name>atlas::ui::AnalysisModes</name>
    <message>
        <source>Raw weights</source>
        <translation>原始权重</translation>
    </message>
    <message>
        <source>Norm-based</source>
        <translation>基于范数</translation>
    </message>
    <message>
        <source>Raw: the attention weights. Norm-based (Kobayashi et al. 2020): how much each token actually adds to the output, ‖α f(x)‖, for every head, the focused head and exports</source>
        <translation>原始：注意力权重。基于范数（Kobayashi 等，2020）：每个词元对输出的实际贡献 ‖α f(x)‖，适用于所有注意力头、当前注意力头和导出</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>注意力流</translation>
    </message>
    <message>
        <source>Add the attention flow (Abnar and Zuidema 2020) beside the rollout; computed in the background</source>
        <translation>在注意力展开旁边加上注意力流（Abnar 和 Zuidema，2020）；在后台计算</translation>
    </message>
    <message>
        <source>flow %p%</source>
        <translation>注意力流 %p%</translation>
    </message>
    <message>
        <source>Switch head on (L%1 H%2)</source>
        <translation>开启注意力头（第 %1 层 头 %2）</translation>
    </message>
    <message>
        <source>Switch head off (L%1 H%2)</source>
        <translation>关闭注意力头（第 %1 层 头 %2）</translation>
    </message>
    <message>
        <source>Switch all heads on</source>
        <translation>开启所有注意力头</translation>
    </message>
    <message>
        <source>Hide the first token (attention sink)</source>
        <translation>隐藏第一个词元（注意力汇聚点）</translation>
    </message>
    <message>
        <source>Many heads put most of every row on the first token (the attention sink). Hide its column and spread each row over the other tokens, in the grid, the focused head, the token lines and exports</source>
        <translation>许多注意力头把每一行的大部分注意力放在第一个词元上（注意力汇聚点）。隐藏这一列，并把每一行重新分配到其他词元上，作用于网格、当前注意力头、词元连线和导出</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>按词</translation>
    </message>
    <message>
        <source>Show attention between words instead of tokens: attention to a word is the sum over its tokens, from a word the mean (Clark et al. 2019). Chinese words come from ICU&apos;s dictionary; the pieces of one character are always joined</source>
        <translation>显示词与词之间的注意力，而不是词元之间的：流向一个词的注意力是其各词元之和，从一个词发出的是其各词元的平均（Clark 等，2019）。中文分词来自 ICU 的词典；同一个字的字节片段总是合在一起</translation>
    </message>
</context>
<context>
    <name>atlas::ui::AtomicSave</name>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
</context>
<context>
    <name>atlas::ui::AttentionSelection</name>
    <message>
        <source>Next head</source>
        <translation>下一个注意力头</translation>
    </message>
    <message>
        <source>Previous head</source>
        <translation>上一个注意力头</translation>
    </message>
    <message>
        <source>Next layer</source>
        <translation>下一层</translation>
    </message>
    <message>
        <source>Previous layer</source>
        <translation>上一层</translation>
    </message>
</context>
<context>
    <name>atlas::ui::AttentionSnapshot</name>
    <message>
        <source>Head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>注意力展开</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>注意力流</translation>
    </message>
    <message>
        <source>H%1</source>
        <translation>头%1</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>rollout</source>
        <translation>展开</translation>
    </message>
    <message>
        <source>flow</source>
        <translation>流</translation>
    </message>
    <message>
        <source>Layers 0–%1 · %2</source>
        <translation>第 0–%1 层 · %2</translation>
    </message>
    <message>
        <source>Layer %1 · %2</source>
        <translation>第 %1 层 · %2</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 个词元</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个词元</translation>
    </message>
    <message>
        <source>Layer %1 · %2 (switched off)</source>
        <translation>第 %1 层 · %2（已关闭）</translation>
    </message>
    <message>
        <source> · KV head %1</source>
        <translation> · KV 头 %1</translation>
    </message>
    <message>
        <source>KV head %1: head %2</source>
        <translation>KV 头 %1：注意力头 %2</translation>
    </message>
    <message>
        <source>KV head %1: heads %2-%3</source>
        <translation>KV 头 %1：注意力头 %2-%3</translation>
    </message>
    <message>
        <source>Sink share (mean attention on token 0): %1</source>
        <translation>汇聚占比（对词元 0 的平均注意力）：%1</translation>
    </message>
    <message>
        <source>KV %1</source>
        <translation>KV %1</translation>
    </message>
    <message>
        <source>Norm-based maps of %1 tokens would need more than %2 GB with this model; switch them off or shorten the text.</source>
        <translation>这个模型对 %1 个词元计算基于范数的注意力需要超过 %2 GB 内存；请关闭它或缩短文本。</translation>
    </message>
    <message>
        <source>%1 · 1 character</source>
        <translation>%1 · 1 个字</translation>
    </message>
    <message>
        <source>%1 · %2 characters</source>
        <translation>%1 · %2 个字</translation>
    </message>
    <message>
        <source>%1 · 1 word</source>
        <translation>%1 · 1 个词</translation>
    </message>
    <message>
        <source>%1 · %2 words</source>
        <translation>%1 · %2 个词</translation>
    </message>
</context>
<context>
    <name>atlas::ui::AttributionHooks</name>
    <message>
        <source>Logit lens</source>
        <translation>Logit 透镜</translation>
    </message>
    <message>
        <source>Head contributions</source>
        <translation>注意力头贡献</translation>
    </message>
    <message>
        <source>Token attribution</source>
        <translation>词元归因</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>无法计算：%1</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Save figure</source>
        <translation>保存图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>atlas::ui::AttributionPage</name>
    <message>
        <source>Save figure…</source>
        <translation>保存图…</translation>
    </message>
    <message>
        <source>Save this figure as PNG, SVG or PDF</source>
        <translation>把这张图保存为 PNG、SVG 或 PDF</translation>
    </message>
</context>
<context>
    <name>atlas::ui::BackgroundJob</name>
    <message>
        <source>Out of memory.</source>
        <translation>内存不足。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ClassroomViews</name>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Compare sentences — Attention Atlas</source>
        <translation>比较句子 — Attention Atlas</translation>
    </message>
    <message>
        <source>Training timeline — Attention Atlas</source>
        <translation>训练时间线 — Attention Atlas</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>&amp;Predictions</source>
        <translation>预测(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Compare two sentences…</source>
        <translation>比较两个句子(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Training timeline…</source>
        <translation>训练时间线(&amp;T)…</translation>
    </message>
    <message>
        <source>Checked on the built-in %1 model:
%2</source>
        <translation>已在内置 %1 模型上检验：
%2</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ClassroomWindow</name>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>退出全屏</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ColorControls</name>
    <message>
        <source>Colour map</source>
        <translation>色彩映射</translation>
    </message>
    <message>
        <source>Shared scale</source>
        <translation>统一色标</translation>
    </message>
    <message>
        <source>Per-head scale</source>
        <translation>每个注意力头单独色标</translation>
    </message>
    <message>
        <source>One colour scale for every map, or each map to its own maximum</source>
        <translation>所有图共用一个色标，或者每张图按自己的最大值着色</translation>
    </message>
    <message>
        <source>&amp;Colour map</source>
        <translation>色彩映射(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Scale</source>
        <translation>色标(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Shared by all maps</source>
        <translation>所有图共用(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Per head</source>
        <translation>每个注意力头单独(&amp;P)</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ColorMaps</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Cividis</source>
        <translation>Cividis</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
</context>
<context>
    <name>atlas::ui::CompareView</name>
    <message>
        <source>Pair:</source>
        <translation>句对：</translation>
    </message>
    <message>
        <source>Your own sentences</source>
        <translation>自己输入的句子</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>注意力头：</translation>
    </message>
    <message>
        <source>First sentence</source>
        <translation>第一个句子</translation>
    </message>
    <message>
        <source>Second sentence</source>
        <translation>第二个句子</translation>
    </message>
    <message>
        <source>Type two sentences to compare.</source>
        <translation>输入两个句子进行比较。</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>No model yet.</source>
        <translation>尚未打开模型。</translation>
    </message>
    <message>
        <source>One colour scale for both maps: 0 to %1, the largest weight in either.</source>
        <translation>两张图共用一个色标：0 到 %1，即两者中的最大权重。</translation>
    </message>
    <message>
        <source>Who chased whom</source>
        <translation>谁追了谁</translation>
    </message>
    <message>
        <source>Agreement: keys … are / key … is</source>
        <translation>一致关系：keys … are / key … is</translation>
    </message>
    <message>
        <source>What the pronoun means</source>
        <translation>代词指的是什么</translation>
    </message>
    <message>
        <source>Where the telescope is</source>
        <translation>望远镜在哪里</translation>
    </message>
    <message>
        <source>Sentence A</source>
        <translation>句子 A</translation>
    </message>
    <message>
        <source>Sentence B</source>
        <translation>句子 B</translation>
    </message>
</context>
<context>
    <name>atlas::ui::DifferenceMaps</name>
    <message>
        <source>A difference needs the same number of tokens: “%1” has %2, “%3” has %4.</source>
        <translation>求差需要相同数量的词元：“%1”有 %2 个，“%3”有 %4 个。</translation>
    </message>
    <message>
        <source>A difference needs models of the same shape (layers and heads).</source>
        <translation>求差需要结构相同的模型（层数和注意力头数相同）。</translation>
    </message>
    <message>
        <source>A difference keeps every head&apos;s map: “%1” (%2 tokens) and “%3” (%4 tokens) are too long for it.</source>
        <translation>差异图要保存每个头的注意力图：“%1”（%2 个词元）和“%3”（%4 个词元）太长了。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::DifferencePanel</name>
    <message>
        <source>This sentence − another sentence</source>
        <translation>本句 − 另一个句子</translation>
    </message>
    <message>
        <source>Training snapshot A − snapshot B</source>
        <translation>训练快照 A − 快照 B</translation>
    </message>
    <message>
        <source>&amp;Compare:</source>
        <translation>比较(&amp;C)：</translation>
    </message>
    <message>
        <source>Another sentence with the same number of tokens…</source>
        <translation>另一个词元数相同的句子…</translation>
    </message>
    <message>
        <source>A:</source>
        <translation>A：</translation>
    </message>
    <message>
        <source>B:</source>
        <translation>B：</translation>
    </message>
    <message>
        <source>Largest difference: %1 (blue: A lower, red: A higher).</source>
        <translation>最大差值：%1（蓝色：A 较低，红色：A 较高）。</translation>
    </message>
    <message>
        <source>the model (final weights)</source>
        <translation>模型（最终权重）</translation>
    </message>
    <message>
        <source>Type a sentence to compare.</source>
        <translation>输入一个句子进行比较。</translation>
    </message>
    <message>
        <source>Type a second sentence with the same number of tokens.</source>
        <translation>输入第二个词元数相同的句子。</translation>
    </message>
    <message>
        <source>this sentence</source>
        <translation>本句</translation>
    </message>
    <message>
        <source>the other sentence</source>
        <translation>另一个句子</translation>
    </message>
    <message>
        <source>This model has no training snapshots (a snapshots folder beside its weights).</source>
        <translation>这个模型没有训练快照（即权重旁边的 snapshots 文件夹）。</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
</context>
<context>
    <name>atlas::ui::DifferenceView</name>
    <message>
        <source>Layer %1 · Head %2: “%3” → “%4”: %5 (%6 − %7)</source>
        <translation>第 %1 层 · 注意力头 %2：“%3” → “%4”：%5（%6 − %7）</translation>
    </message>
    <message>
        <source>No difference to show yet.</source>
        <translation>还没有可显示的差异。</translation>
    </message>
    <message>
        <source>A − B: %1 − %2</source>
        <translation>A − B：%1 − %2</translation>
    </message>
    <message>
        <source>H%1</source>
        <translation>头%1</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
</context>
<context>
    <name>atlas::ui::DistanceProfileHooks</name>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Distance profiles measured on %1 (%2 sentences)</source>
        <translation>已在 %1 上测量距离分布（%2 个句子）</translation>
    </message>
    <message>
        <source>Could not measure the distance profile over “%1”: %2</source>
        <translation>无法在“%1”上测量距离分布：%2</translation>
    </message>
    <message>
        <source>Measuring %1 was cancelled.</source>
        <translation>已取消对 %1 的测量。</translation>
    </message>
    <message>
        <source>Open a model before measuring a treebank.</source>
        <translation>请先打开一个模型，再测量树库。</translation>
    </message>
    <message>
        <source>Distance profile over a treebank</source>
        <translation>树库上的距离分布</translation>
    </message>
    <message>
        <source>CoNLL-U treebanks (*.conllu *.conll);;All files (*)</source>
        <translation>CoNLL-U 树库 (*.conllu *.conll);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>atlas::ui::DistanceProfileView</name>
    <message>
        <source>Save plot…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <source>Save this plot as PNG, SVG or PDF, or its numbers as CSV</source>
        <translation>把此图表保存为 PNG、SVG 或 PDF，或把其数值保存为 CSV</translation>
    </message>
    <message>
        <source>Distance i − j (tokens)</source>
        <translation>距离 i − j（词元）</translation>
    </message>
    <message>
        <source>Mean attention</source>
        <translation>平均注意力</translation>
    </message>
    <message>
        <source>RoPE wavelength (tokens)</source>
        <translation>RoPE 波长（词元）</translation>
    </message>
    <message>
        <source>Share of the head&apos;s |q|·|k|</source>
        <translation>占该注意力头 |q|·|k| 的比例</translation>
    </message>
    <message>
        <source>%1 · attention by distance</source>
        <translation>%1 · 按距离的注意力</translation>
    </message>
    <message>
        <source>Mean over the %1 of the text shown of the weight at each distance.</source>
        <translation>在当前文本的 %1 上，每个距离处权重的平均值。</translation>
    </message>
    <message>
        <source>Right: each rotary dimension pair of this head turns once per wavelength; its share is how much of q·k that pair carries in this text.</source>
        <translation>右图：此注意力头的每对旋转维度每隔一个波长转一圈；其比例是该维度对在此文本中承担的 q·k 的份额。</translation>
    </message>
    <message>
        <source>Measuring the rotary bands…</source>
        <translation>正在测量旋转频带…</translation>
    </message>
    <message>
        <source>No attention to show yet.</source>
        <translation>还没有可显示的注意力。</translation>
    </message>
    <message>
        <source>%1: cannot write PNG</source>
        <translation>%1：无法写入 PNG</translation>
    </message>
    <message>
        <source>%1: cannot start the PDF</source>
        <translation>%1：无法创建 PDF</translation>
    </message>
    <message>
        <source>%1: cannot start the SVG</source>
        <translation>%1：无法创建 SVG</translation>
    </message>
    <message>
        <source>%1: choose a .png, .svg, .pdf or .csv file</source>
        <translation>%1：请选择 .png、.svg、.pdf 或 .csv 文件</translation>
    </message>
    <message>
        <source>Save plot</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF (*.pdf);;CSV numbers (*.csv)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg);;PDF (*.pdf);;CSV 数值 (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Over:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Take the profile over the text shown, or pool it over every sentence of a CoNLL-U treebank</source>
        <translation>在当前文本上计算分布，或汇总 CoNLL-U 树库中的每个句子</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>this text</source>
        <translation>当前文本</translation>
    </message>
    <message>
        <source>the treebank %1</source>
        <translation>树库 %1</translation>
    </message>
    <message>
        <source>another treebank…</source>
        <translation>其他树库…</translation>
    </message>
    <message>
        <source>a treebank…</source>
        <translation>选择树库…</translation>
    </message>
    <message>
        <source>%1: sentence %2 of %3</source>
        <translation>%1：第 %2 句，共 %3 句</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>%1, 1 sentence</source>
        <translation>%1，1 个句子</translation>
    </message>
    <message>
        <source>%1, %2 sentences</source>
        <translation>%1，%2 个句子</translation>
    </message>
    <message>
        <source>the text shown</source>
        <translation>当前文本</translation>
    </message>
    <message>
        <source>%1 · attention by distance over %2</source>
        <translation>%1 · 在 %2 上按距离的注意力</translation>
    </message>
    <message>
        <source>Mean of the weight at each distance over the sentence of %1</source>
        <translation>在 %1 的句子上，每个距离处权重的平均值</translation>
    </message>
    <message>
        <source>Mean of the weight at each distance over the %1 sentences of %2</source>
        <translation>在 %2 的 %1 个句子上，每个距离处权重的平均值</translation>
    </message>
    <message>
        <source> (dashed: the %1 of the text shown).</source>
        <translation>（虚线：当前文本的 %1）。</translation>
    </message>
    <message>
        <source>The axis ends at distance %1, which one sentence in ten reaches; the saved numbers go on to %2.</source>
        <translation>横轴止于距离 %1，十个句子中至少有一个达到此距离；保存的数字一直到 %2。</translation>
    </message>
    <message>
        <source>%1 sentences longer than the model&apos;s context were cut.</source>
        <translation>有 %1 个句子超过模型的上下文长度，已被截断。</translation>
    </message>
    <message>
        <source>Over a treebank the profile is measured for each head and the layer&apos;s mean: choose one of them.</source>
        <translation>在树库上只测量每个注意力头和该层平均的分布：请选择其中之一。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::Examples</name>
    <message>
        <source>Agreement across a clause</source>
        <translation>跨从句的一致关系</translation>
    </message>
    <message>
        <source>Determiner and noun</source>
        <translation>限定词与名词</translation>
    </message>
    <message>
        <source>Subject and verb</source>
        <translation>主语与动词</translation>
    </message>
    <message>
        <source>Prepositions</source>
        <translation>介词</translation>
    </message>
    <message>
        <source>Repeated words</source>
        <translation>重复的词</translation>
    </message>
    <message>
        <source>Pronoun and its noun</source>
        <translation>代词与它所指的名词</translation>
    </message>
    <message>
        <source>A long sentence</source>
        <translation>一个长句</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ExportActions</name>
    <message>
        <source>Nothing to export yet: no attention has been computed.</source>
        <translation>还没有可导出的内容：尚未计算注意力。</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export this view…</source>
        <translation>导出此视图…</translation>
    </message>
    <message>
        <source>Export focused head…</source>
        <translation>导出当前注意力头…</translation>
    </message>
    <message>
        <source>Export layer %1…</source>
        <translation>导出第 %1 层…</translation>
    </message>
    <message>
        <source>Export whole grid…</source>
        <translation>导出整个网格…</translation>
    </message>
    <message>
        <source>Export token lines…</source>
        <translation>导出词元连线…</translation>
    </message>
    <message>
        <source>Export data (CSV or JSON)…</source>
        <translation>导出数据（CSV 或 JSON）…</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Focused head</source>
        <translation>当前注意力头</translation>
    </message>
    <message>
        <source>Current layer</source>
        <translation>当前层</translation>
    </message>
    <message>
        <source>Whole grid</source>
        <translation>整个网格</translation>
    </message>
    <message>
        <source>Token line view</source>
        <translation>词元连线视图</translation>
    </message>
    <message>
        <source>Data of all heads (CSV or JSON)</source>
        <translation>所有注意力头的数据（CSV 或 JSON）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>PNG width:</source>
        <translation>PNG 宽度：</translation>
    </message>
    <message>
        <source>Data (*.json *.csv)</source>
        <translation>数据 (*.json *.csv)</translation>
    </message>
    <message>
        <source>Images (*.png *.svg *.pdf);;PNG (*.png);;SVG (*.svg);;PDF (*.pdf)</source>
        <translation>图像 (*.png *.svg *.pdf);;PNG (*.png);;SVG (*.svg);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Use a .json or .csv file name.</source>
        <translation>请使用 .json 或 .csv 文件名。</translation>
    </message>
    <message>
        <source>Use a .png, .svg or .pdf file name.</source>
        <translation>请使用 .png、.svg 或 .pdf 文件名。</translation>
    </message>
    <message>
        <source>JSON is the same as “attention-atlas-cli run” prints.</source>
        <translation>JSON 与“attention-atlas-cli run”输出的内容相同。</translation>
    </message>
    <message>
        <source>Figures have a title, token labels and a colour scale.</source>
        <translation>图中包含标题、词元标签和色标。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ExportRenderer</name>
    <message>
        <source>“%1” · %2</source>
        <translation>“%1” · %2</translation>
    </message>
    <message>
        <source> (truncated from %1)</source>
        <translation>（从 %1 个截断）</translation>
    </message>
    <message>
        <source>%1 — Layer %2</source>
        <translation>%1 — 第 %2 层</translation>
    </message>
    <message>
        <source>%1 — every head</source>
        <translation>%1 — 全部注意力头</translation>
    </message>
    <message>
        <source>%1 — Layer %2 · token lines</source>
        <translation>%1 — 第 %2 层 · 词元连线</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
    <message>
        <source>nothing to export: no attention has been computed</source>
        <translation>没有可导出的内容：尚未计算注意力</translation>
    </message>
    <message>
        <source>layer %1 is out of range (the model has layers 0–%2)</source>
        <translation>第 %1 层超出范围（模型只有第 0–%2 层）</translation>
    </message>
    <message>
        <source>head %1 is out of range (the model has heads 0–%2)</source>
        <translation>注意力头 %1 超出范围（模型只有注意力头 0–%2）</translation>
    </message>
    <message>
        <source>%1: unknown file type (use .png, .svg, .pdf, .csv or .json)</source>
        <translation>%1：未知的文件类型（请使用 .png、.svg、.pdf、.csv 或 .json）</translation>
    </message>
    <message>
        <source>width %1 px is out of range (16–20000)</source>
        <translation>宽度 %1 像素超出范围（16–20000）</translation>
    </message>
    <message>
        <source>%1: cannot start the SVG</source>
        <translation>%1：无法创建 SVG</translation>
    </message>
    <message>
        <source>%1: cannot start the PDF</source>
        <translation>%1：无法创建 PDF</translation>
    </message>
    <message>
        <source> · first token hidden (attention sink)</source>
        <translation> · 已隐藏第一个词元（注意力汇聚点）</translation>
    </message>
    <message>
        <source>%1 — Layer %2 · character lines</source>
        <translation>%1 — 第 %2 层 · 字连线</translation>
    </message>
    <message>
        <source>%1 — Layer %2 · word lines</source>
        <translation>%1 — 第 %2 层 · 词连线</translation>
    </message>
</context>
<context>
    <name>atlas::ui::FigureExport</name>
    <message>
        <source>%1: the name must end in .png, .svg or .pdf</source>
        <translation>%1：文件名必须以 .png、.svg 或 .pdf 结尾</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
    <message>
        <source>%1: cannot start the SVG</source>
        <translation>%1：无法创建 SVG</translation>
    </message>
    <message>
        <source>%1: cannot start the PDF</source>
        <translation>%1：无法创建 PDF</translation>
    </message>
</context>
<context>
    <name>atlas::ui::FigurePng</name>
    <message>
        <source>%1: the image (%2 x %3 px) is too large</source>
        <translation>%1：图像（%2 × %3 像素）太大</translation>
    </message>
    <message>
        <source>%1: cannot encode the PNG (%2)</source>
        <translation>%1：无法编码 PNG（%2）</translation>
    </message>
</context>
<context>
    <name>atlas::ui::FileMenu</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Train a model…</source>
        <translation>训练模型(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;data (CSV or JSON)…</source>
        <translation>导出数据(&amp;D)（CSV 或 JSON）…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>atlas::ui::FlowWorker</name>
    <message>
        <source>Attention flow needs every map at once; this text of %1 tokens is too long for it.</source>
        <translation>注意力流需要同时用到所有注意力图；这段 %1 个词元的文本太长了。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::GenerationPanel</name>
    <message>
        <source>The model continues the sentence one token at a time. Move the slider to see the attention at each step in the grid.</source>
        <translation>模型逐个词元地续写句子。拖动滑块，可在网格中查看每一步的注意力。</translation>
    </message>
    <message>
        <source>0 (greedy)</source>
        <translation>0（贪心）</translation>
    </message>
    <message>
        <source>0 always takes the most probable token; higher values sample more freely</source>
        <translation>0 总是选择概率最高的词元；数值越高，采样越自由</translation>
    </message>
    <message>
        <source>The same seed and temperature give the same text</source>
        <translation>相同的随机种子和温度会生成相同的文本</translation>
    </message>
    <message>
        <source>New &amp;tokens:</source>
        <translation>新词元数(&amp;T)：</translation>
    </message>
    <message>
        <source>T&amp;emperature:</source>
        <translation>温度(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>随机种子(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Generation needs a causal language model (GPT-2); this model fills masks instead.</source>
        <translation>生成需要因果语言模型（GPT-2）；这个模型做的是填补掩码。</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Could not generate: %1</source>
        <translation>无法生成：%1</translation>
    </message>
    <message>
        <source>The context is full: no token was added.</source>
        <translation>上下文已满：没有添加词元。</translation>
    </message>
    <message numerus="yes">
        <source>%n new token(s).</source>
        <translation>
            <numerusform>新增 %n 个词元。</numerusform>
        </translation>
    </message>
    <message>
        <source>Step %1 of %2: reads %3 tokens, chooses “%4” (p = %5)</source>
        <translation>第 %1 步，共 %2 步：读入 %3 个词元，选择“%4”（p = %5）</translation>
    </message>
    <message>
        <source>Could not show step %1: %2</source>
        <translation>无法显示第 %1 步：%2</translation>
    </message>
</context>
<context>
    <name>atlas::ui::GlossaryDialog</name>
    <message>
        <source>Glossary — Attention Atlas</source>
        <translation>术语表 — Attention Atlas</translation>
    </message>
</context>
<context>
    <name>atlas::ui::HeadContributionFigure</name>
    <message>
        <source>Head ablation: change in log p(“%1”)</source>
        <translation>注意力头消融：log p(“%1”) 的变化</translation>
    </message>
    <message>
        <source>Direct logit attribution to “%1”</source>
        <translation>对“%1”的直接 logit 归因</translation>
    </message>
    <message>
        <source>BERT is post-LN: each cell is the change when that head is switched off (blue: it was helping)</source>
        <translation>BERT 是后置层归一化（post-LN）：每格是关闭该注意力头后的变化（蓝色：它原本在帮忙）</translation>
    </message>
    <message>
        <source>Prediction after “%1” (token %2)</source>
        <translation>“%1”之后的预测（第 %2 个词元）</translation>
    </message>
    <message>
        <source>Prediction at token %1</source>
        <translation>第 %1 个词元处的预测</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>H%1</source>
        <translation>头%1</translation>
    </message>
    <message>
        <source>Each head&apos;s share of the logit %1 (red raises it, blue lowers it)</source>
        <translation>每个注意力头在 logit %1 中的份额（红色使其升高，蓝色使其降低）</translation>
    </message>
    <message>
        <source>Besides the heads: MLPs %1, embedding %2, biases %3</source>
        <translation>注意力头之外：MLP %1，嵌入 %2，偏置 %3</translation>
    </message>
</context>
<context>
    <name>atlas::ui::HeadGridView</name>
    <message>
        <source>%1 Layer %2</source>
        <translation>%1 第 %2 层</translation>
    </message>
    <message>
        <source>No attention to show yet.</source>
        <translation>还没有可显示的注意力。</translation>
    </message>
    <message>
        <source>Show layer %1</source>
        <translation>显示第 %1 层</translation>
    </message>
    <message>
        <source>Collapse layer %1</source>
        <translation>折叠第 %1 层</translation>
    </message>
    <message>
        <source>%1 maps hidden; click to show</source>
        <translation>已隐藏 %1 张图；点击显示</translation>
    </message>
    <message>
        <source>&amp;Grid</source>
        <translation>网格(&amp;G)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Fit to &amp;width</source>
        <translation>适应宽度(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Fold all but the focused layer</source>
        <translation>折叠焦点层以外的所有层(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Unfold all layers</source>
        <translation>展开所有层(&amp;U)</translation>
    </message>
</context>
<context>
    <name>atlas::ui::HeadHeatmapView</name>
    <message>
        <source>key (attended to)</source>
        <translation>键（被关注的词元）</translation>
    </message>
    <message>
        <source>query (attending)</source>
        <translation>查询（发出关注的词元）</translation>
    </message>
    <message>
        <source>No attention to show yet.</source>
        <translation>还没有可显示的注意力。</translation>
    </message>
    <message>
        <source>norm</source>
        <translation>范数</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>“%1” → “%2”: %3</source>
        <translation>“%1” → “%2”：%3</translation>
    </message>
</context>
<context>
    <name>atlas::ui::HeadRolesHooks</name>
    <message>
        <source>Head roles</source>
        <translation>注意力头角色</translation>
    </message>
    <message>
        <source>Analysing sentence %1 of %2…</source>
        <translation>正在分析第 %1 句，共 %2 句…</translation>
    </message>
    <message>
        <source>Head roles measured on %1 (%2 sentences)</source>
        <translation>已在 %1 上测量注意力头角色（%2 个句子）</translation>
    </message>
    <message>
        <source>Could not analyse “%1”: %2</source>
        <translation>无法分析“%1”：%2</translation>
    </message>
    <message>
        <source>Analysis of %1 cancelled; the head roles shown are unchanged</source>
        <translation>已取消对 %1 的分析；显示的注意力头角色没有改变</translation>
    </message>
    <message>
        <source>&amp;Analyze head roles on a treebank…</source>
        <translation>在树库上分析注意力头角色(&amp;A)…</translation>
    </message>
    <message>
        <source>Head roles not shown: %1</source>
        <translation>未显示注意力头角色：%1</translation>
    </message>
    <message>
        <source>Open a model before analysing a treebank.</source>
        <translation>请先打开一个模型，再分析树库。</translation>
    </message>
    <message>
        <source>An analysis is already running; cancel it or wait for it to finish.</source>
        <translation>已有一个分析正在进行；请取消它或等它完成。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Analyzing head roles</source>
        <translation>正在分析注意力头角色</translation>
    </message>
    <message>
        <source>Analyze head roles on a treebank</source>
        <translation>在树库上分析注意力头角色</translation>
    </message>
    <message>
        <source>CoNLL-U treebanks (*.conllu *.conll);;All files (*)</source>
        <translation>CoNLL-U 树库 (*.conllu *.conll);;所有文件 (*)</translation>
    </message>
    <message>
        <source>There is no head-role table to save.</source>
        <translation>没有可保存的注意力头角色表。</translation>
    </message>
    <message>
        <source>Could not save “%1”: %2</source>
        <translation>无法保存“%1”：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save head roles</source>
        <translation>保存注意力头角色</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Save head roles as CSV</source>
        <translation>将注意力头角色保存为 CSV</translation>
    </message>
    <message>
        <source>CSV for a spreadsheet (*.csv)</source>
        <translation>电子表格用 CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>atlas::ui::HeadRolesModel</name>
    <message>
        <source>Head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Chosen</source>
        <translation>所选指标</translation>
    </message>
    <message>
        <source>prev</source>
        <translation>前一个</translation>
    </message>
    <message>
        <source>next</source>
        <translation>后一个</translation>
    </message>
    <message>
        <source>self</source>
        <translation>自身</translation>
    </message>
    <message>
        <source>first</source>
        <translation>首个</translation>
    </message>
    <message>
        <source>Entropy</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Best relation</source>
        <translation>最佳关系</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>增益</translation>
    </message>
    <message>
        <source>The measure chosen above</source>
        <translation>上方所选的指标</translation>
    </message>
    <message>
        <source>Mean attention to the previous token</source>
        <translation>对前一个词元的平均注意力</translation>
    </message>
    <message>
        <source>Mean attention to the next token</source>
        <translation>对后一个词元的平均注意力</translation>
    </message>
    <message>
        <source>Mean attention to the token itself</source>
        <translation>对词元自身的平均注意力</translation>
    </message>
    <message>
        <source>Mean attention to the first token</source>
        <translation>对第一个词元的平均注意力</translation>
    </message>
    <message>
        <source>Mean entropy of a row, in nats</source>
        <translation>每行的平均熵（单位：奈特）</translation>
    </message>
    <message>
        <source>Mean distance attended over, in tokens</source>
        <translation>平均关注距离（单位：词元）</translation>
    </message>
    <message>
        <source>The syntactic relation this head finds most above its baseline</source>
        <translation>该注意力头找得最准（最高于基线）的句法关系</translation>
    </message>
    <message>
        <source>How often the word at the best fixed offset is the answer</source>
        <translation>取最佳固定偏移处的词时，答对的比例</translation>
    </message>
    <message>
        <source>Score minus baseline</source>
        <translation>得分减去基线</translation>
    </message>
    <message>
        <source>Induction</source>
        <translation>归纳</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>On a random sequence repeated twice, the mean attention from a token to the one after its earlier occurrence (an induction head copies what came next)</source>
        <translation>在重复两遍的随机序列上，一个词元对其前一次出现位置之后那个词元的平均注意力（归纳头会复制上次紧随其后的内容）</translation>
    </message>
    <message>
        <source>On a random sequence repeated twice, the mean attention from a token to its earlier occurrence</source>
        <translation>在重复两遍的随机序列上，一个词元对它前一次出现位置的平均注意力</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 (%3 % of the arcs, baseline %4 %)</source>
        <translation>%1：%2（%3 % 的依存弧，基线 %4 %）</translation>
    </message>
    <message>
        <source>In plain words</source>
        <translation>通俗说法</translation>
    </message>
    <message>
        <source>The best relation in plain words: from the word that attends to the word it finds</source>
        <translation>用通俗的话说明最佳关系：从发出注意力的词指向它找到的词</translation>
    </message>
    <message>
        <source>KV head</source>
        <translation>KV 头</translation>
    </message>
    <message>
        <source>Sink share</source>
        <translation>汇聚占比</translation>
    </message>
    <message>
        <source>The key/value head this query head shares with the others of its group (grouped-query attention)</source>
        <translation>此查询头与同组其他查询头共享的键/值头（分组查询注意力）</translation>
    </message>
    <message>
        <source>Mean attention on the first token (the attention sink) in the text shown now; “first” is the same measure over the treebank</source>
        <translation>当前文本中对第一个词元（注意力汇聚点）的平均注意力；“首个”是同一度量在树库上的值</translation>
    </message>
</context>
<context>
    <name>atlas::ui::HeadRolesPanel</name>
    <message>
        <source>&amp;Best at:</source>
        <translation>最擅长(&amp;B)：</translation>
    </message>
    <message>
        <source>A relation or positional role: the heads that do it best are outlined in the grid</source>
        <translation>一种句法关系或位置角色：最擅长它的注意力头会在网格中加框标出</translation>
    </message>
    <message>
        <source>&amp;Analyze a treebank…</source>
        <translation>分析树库(&amp;A)…</translation>
    </message>
    <message>
        <source>Measure every head of the current model on a CoNLL-U file</source>
        <translation>在 CoNLL-U 文件上测量当前模型的每个注意力头</translation>
    </message>
    <message>
        <source>Sa&amp;ve table…</source>
        <translation>保存表格(&amp;V)…</translation>
    </message>
    <message>
        <source>Save this table as head-roles.json (put it in the model folder to have it loaded with the model)</source>
        <translation>把这张表保存为 head-roles.json（放进模型文件夹，打开模型时会一并载入）</translation>
    </message>
    <message>
        <source>This model has no head-roles.json. Analyze a treebank (a CoNLL-U file such as Universal Dependencies&apos; en_ewt-ud-dev.conllu) to measure its heads, or run attention-atlas-cli analyze --format json and save the result in the model folder.</source>
        <translation>这个模型没有 head-roles.json。可以分析一个树库（CoNLL-U 文件，例如 Universal Dependencies 的 en_ewt-ud-dev.conllu）来测量它的注意力头，或者运行 attention-atlas-cli analyze --format json 并把结果保存到模型文件夹中。</translation>
    </message>
    <message>
        <source>baseline %1 (offset %2%3)</source>
        <translation>基线 %1（偏移 %2%3）</translation>
    </message>
    <message>
        <source>Save as &amp;CSV…</source>
        <translation>保存为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Save this table as a CSV file for a spreadsheet, with each head&apos;s best relation in plain words</source>
        <translation>把这张表保存为电子表格用的 CSV 文件，并用通俗的话写出每个注意力头的最佳关系</translation>
    </message>
    <message>
        <source>Group by KV head</source>
        <translation>按 KV 头分组</translation>
    </message>
    <message>
        <source>Order the heads by the key/value head they share, then by layer</source>
        <translation>按共享的键/值头排列注意力头，再按层排列</translation>
    </message>
</context>
<context>
    <name>atlas::ui::HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Glossary</source>
        <translation>术语表(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About Attention Atlas</source>
        <translation>关于 Attention Atlas(&amp;A)</translation>
    </message>
    <message>
        <source>About Attention Atlas</source>
        <translation>关于 Attention Atlas</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Attention Atlas&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Type a sentence and see every attention head of a small Transformer: the grid of all heads, one head in detail, and the token lines.&lt;/p&gt;&lt;p&gt;Rows are queries (the token attending), columns are keys (the token attended to). Rollout follows Abnar and Zuidema (2020).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Attention Atlas（注意力图谱）&lt;/b&gt;&lt;/p&gt;&lt;p&gt;输入一个句子，查看一个小型 Transformer 的每一个注意力头：所有注意力头组成的网格、单个注意力头的细节，以及词元连线。&lt;/p&gt;&lt;p&gt;行是查询（发出关注的词元），列是键（被关注的词元）。注意力展开（rollout）的算法出自 Abnar 和 Zuidema（2020）。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>atlas::ui::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言 Language(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>atlas::ui::LanguageOfferBar</name>
    <message>
        <source>causal</source>
        <translation>因果</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>%1 layers x %2 heads</source>
        <translation>%1 层 x %2 个头</translation>
    </message>
    <message>
        <source>This sentence is Chinese, and the model shown was not trained on Chinese: its heads show little. %1 was.</source>
        <translation>这个句子是中文，而当前模型没有用中文训练过：它的注意力头说明不了什么。%1 是用中文训练的。</translation>
    </message>
    <message>
        <source>%1 was trained on Chinese text.</source>
        <translation>%1 是用中文文本训练的。</translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation>使用 %1</translation>
    </message>
    <message>
        <source>Close; not offered again until the app restarts</source>
        <translation>关闭；程序重新启动前不再提示</translation>
    </message>
</context>
<context>
    <name>atlas::ui::LaunchRequest</name>
    <message>
        <source>%1 expects a number from 0, got &apos;%2&apos;</source>
        <translation>%1 需要一个从 0 开始的数字，得到的是“%2”</translation>
    </message>
    <message>
        <source>--lesson: no lesson &apos;%1&apos; (the lessons are %2)</source>
        <translation>--lesson：没有名为“%1”的课程（课程有 %2）</translation>
    </message>
    <message>
        <source>--layer %1: the model has layers 0–%2</source>
        <translation>--layer %1：模型只有第 0–%2 层</translation>
    </message>
    <message>
        <source>--head %1: the model has heads 0–%2</source>
        <translation>--head %1：模型只有注意力头 0–%2</translation>
    </message>
</context>
<context>
    <name>atlas::ui::LensFigure</name>
    <message>
        <source>Logit lens: the likeliest token read after each layer</source>
        <translation>Logit 透镜：每一层之后读出的最可能词元</translation>
    </message>
    <message>
        <source>Colour: that layer&apos;s probability of the model&apos;s final prediction at the position (0 to 1)</source>
        <translation>颜色：该层给出模型最终预测的概率（0 到 1）</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>Input tokens: each column predicts the token after it</source>
        <translation>输入词元：每一列预测它之后的词元</translation>
    </message>
    <message>
        <source>Input tokens: each column predicts the token there</source>
        <translation>输入词元：每一列预测该位置的词元</translation>
    </message>
</context>
<context>
    <name>atlas::ui::LessonBar</name>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>End lesson</source>
        <translation>结束课程</translation>
    </message>
    <message>
        <source>Lesson: %1 · step %2 of %3</source>
        <translation>课程：%1 · 第 %2 步，共 %3 步</translation>
    </message>
</context>
<context>
    <name>atlas::ui::LessonClaims</name>
    <message>
        <source>no token &apos;%1&apos; in the sentence</source>
        <translation>句子中没有词元“%1”</translation>
    </message>
    <message>
        <source>from &apos;%1&apos; the most weight (%2) is on &apos;%3&apos;, token %4</source>
        <translation>从“%1”出发，最大的权重（%2）落在“%3”上，即第 %4 个词元</translation>
    </message>
    <message>
        <source>%1 of %2 words have their largest weight %3 tokens away (%4 %)</source>
        <translation>%2 个词中有 %1 个的最大权重在 %3 个词元之外（%4 %）</translation>
    </message>
    <message>
        <source>the largest weight above the diagonal is %1</source>
        <translation>对角线以上的最大权重是 %1</translation>
    </message>
    <message>
        <source>on average %1 % of a row&apos;s weight is on later tokens</source>
        <translation>平均每行有 %1 % 的权重落在后面的词元上</translation>
    </message>
    <message>
        <source>the top %1 at token %2: %3</source>
        <translation>第 %2 个词元处的前 %1 个猜测：%3</translation>
    </message>
    <message>
        <source>the model has no training snapshots</source>
        <translation>这个模型没有训练快照</translation>
    </message>
    <message>
        <source>mean attention entropy %1 nats here, %2 at the other point</source>
        <translation>这里的平均注意力熵为 %1 奈特，另一处为 %2</translation>
    </message>
    <message>
        <source>Head %1.%2</source>
        <translation>注意力头 %1.%2</translation>
    </message>
    <message>
        <source>%1, with the mask, puts most weight from “%2” on “%3”.</source>
        <translation>加上掩码后，%1 从“%2”出发把最大的权重放在“%3”上。</translation>
    </message>
    <message>
        <source>%1 puts most weight from “%2” on “%3”.</source>
        <translation>%1 从“%2”出发把最大的权重放在“%3”上。</translation>
    </message>
    <message>
        <source>%1: for at least %2 % of the words, the most weight is %3 tokens away.</source>
        <translation>%1：至少 %2 % 的词把最大的权重放在 %3 个词元之外。</translation>
    </message>
    <message>
        <source>Every head gives weight 0 to every later token.</source>
        <translation>每个注意力头给后面每个词元的权重都是 0。</translation>
    </message>
    <message>
        <source>On average at least %1 % of a row&apos;s weight is on later tokens.</source>
        <translation>平均每行至少有 %1 % 的权重落在后面的词元上。</translation>
    </message>
    <message>
        <source>The top %1 guesses include one of: %2.</source>
        <translation>前 %1 个猜测中包含以下之一：%2。</translation>
    </message>
    <message>
        <source>Attention is more spread out here than in the final model.</source>
        <translation>这里的注意力比最终模型更分散。</translation>
    </message>
    <message>
        <source>Attention is more focused here than at the start of training.</source>
        <translation>这里的注意力比训练开始时更集中。</translation>
    </message>
    <message>
        <source>the best induction score is %1 (head %2.%3)</source>
        <translation>最高的归纳分数是 %1（注意力头 %2.%3）</translation>
    </message>
    <message>
        <source>the preset &apos;%1&apos; grows a %2 head, %3 layers, %4 steps, %5 tokens, data: %6</source>
        <translation>预设“%1”培养 %2 注意力头，%3 层，%4 步，%5 个词元，数据：%6</translation>
    </message>
    <message>
        <source>the claim&apos;s steps or a scratch folder are missing</source>
        <translation>缺少该断言的步数或临时文件夹</translation>
    </message>
    <message>
        <source>the loss is %1 at step %2 and %3 at step %4 (a blind guess: %5)</source>
        <translation>第 %2 步损失为 %1，第 %4 步为 %3（盲猜：%5）</translation>
    </message>
    <message>
        <source>the top guess after each layer: %1</source>
        <translation>每一层之后最可能的猜测：%1</translation>
    </message>
    <message>
        <source>for “%1” the heads adding most are %2</source>
        <translation>对“%1”贡献最大的注意力头是 %2</translation>
    </message>
    <message>
        <source>no token is attributed</source>
        <translation>没有可归因的词元</translation>
    </message>
    <message>
        <source>No head has an induction score of %1 or more.</source>
        <translation>没有注意力头的归纳分数达到 %1 或更高。</translation>
    </message>
    <message>
        <source>A head has an induction score of at least %1.</source>
        <translation>有一个注意力头的归纳分数至少为 %1。</translation>
    </message>
    <message>
        <source>The preset trains %1 layers with %2 tokens for %3 steps on %4.</source>
        <translation>该预设用 %2 个词元训练 %1 层、%3 步，数据为%4。</translation>
    </message>
    <message>
        <source>spans of random tokens, repeated</source>
        <translation>重复的随机词元片段</translation>
    </message>
    <message>
        <source>the shipped books</source>
        <translation>随附的书籍</translation>
    </message>
    <message>
        <source>The model&apos;s guess after the text is “%1”, first on top after layer %2.</source>
        <translation>模型在这段文字之后的猜测是“%1”，从第 %2 层之后起排在首位。</translation>
    </message>
    <message>
        <source>%1 is among the %2 heads adding most to the guess.</source>
        <translation>%1 是对这个猜测贡献最大的 %2 个注意力头之一。</translation>
    </message>
    <message>
        <source>Of the words, “%1” supports the guess most.</source>
        <translation>在所有词中，“%1”对这个猜测的支持最大。</translation>
    </message>
    <message>
        <source>for “%1” the tokens that help most are %2</source>
        <translation>对“%1”帮助最大的词元是 %2</translation>
    </message>
    <message>
        <source>%1 adds more to the guess than any other head.</source>
        <translation>%1 对这个猜测的贡献超过其他任何注意力头。</translation>
    </message>
    <message>
        <source>Of the words, “%1” is number %2 among the words supporting the guess.</source>
        <translation>在支持这个猜测的词中，“%1”排第 %2。</translation>
    </message>
    <message>
        <source>; the best induction score past layer 0 is %1</source>
        <translation>；第 0 层之后最高的归纳得分是 %1</translation>
    </message>
    <message>
        <source>a blind guess</source>
        <translation>盲猜</translation>
    </message>
    <message>
        <source>Training the preset, the loss is above %1 at step %2 and below %3 by step %4</source>
        <translation>训练这个预设时，第 %2 步的损失高于 %1，到第 %4 步低于 %3</translation>
    </message>
    <message>
        <source>, and a head past the first layer then has an induction score of at least %1</source>
        <translation>，并且此时第一层之后有一个注意力头的归纳得分至少为 %1</translation>
    </message>
</context>
<context>
    <name>atlas::ui::Lessons</name>
    <message>
        <source>Positional heads</source>
        <translation>位置型注意力头</translation>
    </message>
    <message>
        <source>This head looks one word back: the bright cells sit just left of the diagonal.</source>
        <translation>这个注意力头看向前一个词：亮格正好位于对角线左侧。</translation>
    </message>
    <message>
        <source>This head looks one word ahead: the bright cells sit just right of the diagonal.</source>
        <translation>这个注意力头看向后一个词：亮格正好位于对角线右侧。</translation>
    </message>
    <message>
        <source>The same head as lines: every word points at the word before it.</source>
        <translation>同一个注意力头的连线图：每个词都指向它前面的词。</translation>
    </message>
    <message>
        <source>Syntactic heads</source>
        <translation>句法型注意力头</translation>
    </message>
    <message>
        <source>The causal mask</source>
        <translation>因果掩码</translation>
    </message>
    <message>
        <source>GPT reads left to right: above the diagonal every weight is zero, no token sees the tokens after it.</source>
        <translation>GPT 从左往右读：对角线以上的权重全为零，任何词元都看不到它后面的词元。</translation>
    </message>
    <message>
        <source>BERT reads both ways: its attention fills the whole square.</source>
        <translation>BERT 双向阅读：它的注意力铺满整个方阵。</translation>
    </message>
    <message>
        <source>The effect of masking</source>
        <translation>掩码的作用</translation>
    </message>
    <message>
        <source>Hide “mat”: “sat on the …” narrows the guesses to places.</source>
        <translation>遮住“mat”：“sat on the …”把猜测限定为地点。</translation>
    </message>
    <message>
        <source>The next-word head without and with the mask: the word before the mask now looks at [MASK].</source>
        <translation>看下一个词的注意力头，加掩码前后对比：掩码前面的词现在看向 [MASK]。</translation>
    </message>
    <message>
        <source>Watching a model learn</source>
        <translation>观察模型学习</translation>
    </message>
    <message>
        <source>Early in training: attention is spread thin, no head has a job yet.</source>
        <translation>训练初期：注意力分散，还没有哪个注意力头有明确分工。</translation>
    </message>
    <message>
        <source>After training: heads have specialised into lines and columns. Press Play to watch it happen.</source>
        <translation>训练之后：注意力头分化出斜线和竖列的模式。按“播放”观看这一过程。</translation>
    </message>
    <message>
        <source>Nouns look back at their determiner: “key(s)”, “cabin(et)” and “table” each find a “the”.</source>
        <translation>名词回看它们的限定词：“key(s)”、“cabin(et)”和“table”各自找到一个“the”。</translation>
    </message>
    <message>
        <source>A verb finds its subject: “walked” looks back to “man”, past the words in between.</source>
        <translation>动词找到它的主语：“walked”越过中间的词，回看“man”。</translation>
    </message>
    <message>
        <source>The same head on two sentences: each verb looks back at its own subject, “man” or “men”, not at the nearer noun.</source>
        <translation>同一个注意力头看两个句子：每个动词都回看自己的主语“man”或“men”，而不是离它更近的名词。</translation>
    </message>
    <message>
        <source>Because it never sees what comes next, GPT learns to guess it: after “The cat sat on the” its guesses are places to sit.</source>
        <translation>因为 GPT 从来看不到后面的内容，它学会了去猜：在“The cat sat on the”之后，它猜的是可以坐的地方。</translation>
    </message>
    <message>
        <source>Hide “cat” behind [MASK]: BERT guesses from both sides, and its guesses include things that can sit, like a lion or a king.</source>
        <translation>用 [MASK] 遮住“cat”：BERT 从两边去猜，它的猜测中有能坐下的东西，比如狮子或国王。</translation>
    </message>
    <message>
        <source>A pronoun and its noun: in this head “it” looks back at “animal”, not at the nearer “street”.</source>
        <translation>代词和它所指的名词：在这个注意力头里，“it”回看“animal”，而不是离它更近的“street”。</translation>
    </message>
    <message>
        <source>的: linking a modifier to its noun</source>
        <translation>的：把修饰语连到名词上</translation>
    </message>
    <message>
        <source>In “红色的花” (red flowers), 的 joins the modifier 红色 to the noun 花. In this head, 的 looks back at the modifier: its largest weight is on 色.</source>
        <translation>在“红色的花”里，“的”把修饰语“红色”和名词“花”连在一起。在这个注意力头里，“的”回看修饰语：它最大的权重落在“色”上。</translation>
    </message>
    <message>
        <source>In the next-character head, 的 looks ahead at the noun it introduces, 花. Between them, the two heads link both sides of 的.</source>
        <translation>在看下一个字的注意力头里，“的”向后看它引出的名词“花”。两个头合起来，把“的”的两边连在一起。</translation>
    </message>
    <message>
        <source>The same head as lines: 的 points at 花.</source>
        <translation>同一个注意力头画成连线：“的”指向“花”。</translation>
    </message>
    <message>
        <source>Classifiers: 三只猫</source>
        <translation>量词：三只猫</translation>
    </message>
    <message>
        <source>A measure word sits between a number and a noun: 三只猫, three cats. In this head the measure word 只 looks at its number, 三.</source>
        <translation>量词夹在数词和名词之间：三只猫。在这个注意力头里，量词“只”看向它的数词“三”。</translation>
    </message>
    <message>
        <source>In another head of the same layer, 只 looks at its noun, 猫: the measure word is tied to both sides.</source>
        <translation>在同一层的另一个注意力头里，“只”看向它的名词“猫”：量词和两边都连着。</translation>
    </message>
    <message>
        <source>Hide the measure word in “我家有两只小猫”: after a number the model expects a measure word, and guesses the commonest one, 个.</source>
        <translation>把“我家有两只小猫”里的量词遮住：数词后面，模型预期一个量词，猜的是最常见的“个”。</translation>
    </message>
    <message>
        <source>完形填空: fill in the blank</source>
        <translation>完形填空</translation>
    </message>
    <message>
        <source>Hide 京 in “北京”: bert-zh reads both sides and its first guess is 京.</source>
        <translation>遮住“北京”的“京”：bert-zh 同时读两边，它的第一个猜测就是“京”。</translation>
    </message>
    <message>
        <source>Which heads found the answer? In this head the blank puts almost all its weight on 北, the character that gives 京 away.</source>
        <translation>哪些注意力头找到了答案？在这个头里，空格几乎把全部权重放在“北”上，正是这个字泄露了“京”。</translation>
    </message>
    <message>
        <source>Hide 民 in “中华人民共和国”: a fixed name, and the model is almost sure of it.</source>
        <translation>遮住“中华人民共和国”里的“民”：这是一个固定的名称，模型几乎可以肯定。</translation>
    </message>
    <message>
        <source>Watch a head being born</source>
        <translation>看一个注意力头诞生</translation>
    </message>
    <message>
        <source>First a model that never learned to copy: on random tokens said twice, no head of gpt looks from a token to the one after its earlier copy (induction score below 0.1).</source>
        <translation>先看一个从没学会复制的模型：把一串随机词元重复两遍，gpt 没有一个注意力头会从某个词元看向它前一次出现之后的那个词元（归纳分数低于 0.1）。</translation>
    </message>
    <message>
        <source>Now train a model that must copy: two layers, fed random tokens said twice. Only the repeats can be predicted, by finding a token’s earlier copy and reading the token after it.</source>
        <translation>现在训练一个必须学会复制的模型：两层，喂给它重复两遍的随机词元。只有重复部分可以预测：找到这个词元前一次出现的位置，读出紧随其后的词元。</translation>
    </message>
    <message>
        <source>From attention to the answer</source>
        <translation>从注意力到答案</translation>
    </message>
    <message>
        <source>Which heads look at the subject? Before guessing the word after “because”, head 2.2 looks back at “dogs”, the subject.</source>
        <translation>哪些注意力头在看主语？在猜测“because”之后的词之前，注意力头 2.2 回头看向主语“dogs”。</translation>
    </message>
    <message>
        <source>The logit lens reads the model’s guess after every layer: “they” comes out on top from layer 2 on, the layer of the head that looks at “dogs”.</source>
        <translation>Logit 透镜读出模型在每一层之后的猜测：从第 2 层起“they”排在首位，而看向“dogs”的那个注意力头正在这一层。</translation>
    </message>
    <message>
        <source>Which heads wrote the answer? Each head’s share of the logit of “they”: head 2.2, the one looking at “dogs”, adds more than any other head.</source>
        <translation>哪些注意力头写出了答案？看每个注意力头对“they”的 logit 的贡献：看向“dogs”的注意力头 2.2 贡献最大，超过其他任何头。</translation>
    </message>
    <message>
        <source>Which words made the answer? Hide one word at a time: losing “because” costs “they” the most, losing “dogs” the second most.</source>
        <translation>哪些词促成了答案？每次遮住一个词：遮住“because”时“they”损失最大，遮住“dogs”时损失第二大。</translation>
    </message>
    <message>
        <source>Watch the loss: for about 700 steps it stays on a plateau near 5 nats (a blind guess among 300 tokens costs ln 300 ≈ 5.7). Then, within a few hundred steps, it falls below 1: the sudden drop that Olsson et al. saw when induction heads form.</source>
        <translation>看损失曲线：大约 700 步里它停在 5 奈特附近的平台上（在 300 个词元中盲猜的损失是 ln 300 ≈ 5.7）。随后在几百步之内降到 1 以下：这就是 Olsson 等人看到的、归纳头形成时损失的突然下降。</translation>
    </message>
    <message>
        <source>The outlined head has the best induction score of the current weights. After the drop it sits in the second layer and scores above 0.8 (1 is a perfect copier): from each repeated token it looks at the token after the earlier copy. It finds that token through a first-layer head that looks one token back.</source>
        <translation>带框的注意力头是当前权重中归纳得分最高的头。损失下降之后，它位于第二层，得分超过 0.8（1 表示完美的复制者）：它从每个重复的词元看向前一次出现处后面的那个词元。它借助第一层一个看前一个词元的头找到那个词元。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::LinesFigure</name>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>atlas::ui::LoadProgressStrip</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop loading; the model shown now stays open</source>
        <translation>停止载入；当前显示的模型保持打开</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在载入 %1…</translation>
    </message>
</context>
<context>
    <name>atlas::ui::MainWindow</name>
    <message>
        <source>Attention Atlas</source>
        <translation>Attention Atlas</translation>
    </message>
    <message>
        <source>The dropped item is not a model this app can open: %1</source>
        <translation>拖入的内容不是本程序能打开的模型：%1</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>Focused head</source>
        <translation>当前注意力头</translation>
    </message>
    <message>
        <source>Token lines</source>
        <translation>词元连线</translation>
    </message>
    <message>
        <source>Token pair</source>
        <translation>词元对</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Focused &amp;head</source>
        <translation>当前注意力头(&amp;H)</translation>
    </message>
    <message>
        <source>Token &amp;lines</source>
        <translation>词元连线(&amp;L)</translation>
    </message>
    <message>
        <source>Token &amp;pair ranking</source>
        <translation>词元对排名(&amp;P)</translation>
    </message>
    <message>
        <source>Attention Atlas — %1</source>
        <translation>Attention Atlas — %1</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在载入 %1…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Type a sentence to see its attention.</source>
        <translation>输入一个句子即可查看它的注意力。</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>没有模型</translation>
    </message>
    <message>
        <source>Loading %1 cancelled</source>
        <translation>已取消载入 %1</translation>
    </message>
    <message>
        <source>Could not open the model “%1”: %2</source>
        <translation>无法打开模型“%1”：%2</translation>
    </message>
    <message>
        <source>Choose another model, or File ▸ Open model… (Ctrl+O).</source>
        <translation>请选择其他模型，或使用“文件 ▸ 打开模型…”（Ctrl+O）。</translation>
    </message>
    <message>
        <source>Ablation</source>
        <translation>消融</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ModelDropHandler</name>
    <message>
        <source>%1: expected the file to be named model.safetensors, in a folder with config.json and the tokenizer files</source>
        <translation>%1：文件应名为 model.safetensors，并与 config.json 和分词器文件放在同一个文件夹中</translation>
    </message>
    <message>
        <source>%1: out of memory while checking the model</source>
        <translation>%1：检查模型时内存不足</translation>
    </message>
    <message>
        <source>Only a model folder can be dropped here (config.json, model.safetensors and tokenizer files), or its model.safetensors.</source>
        <translation>这里只能拖入模型文件夹（包含 config.json、model.safetensors 和分词器文件）或其中的 model.safetensors。</translation>
    </message>
    <message>
        <source>%1 items were dropped; drop one model folder at a time.</source>
        <translation>拖入了 %1 项；每次只能拖入一个模型文件夹。</translation>
    </message>
    <message>
        <source>%1: not a local file; expected a model folder on this computer.</source>
        <translation>%1：不是本地文件；需要本机上的模型文件夹。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ModelLoader</name>
    <message>
        <source>The model could not be loaded.</source>
        <translation>无法载入模型。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ModelPicker</name>
    <message>
        <source>The model that reads the sentence</source>
        <translation>读这个句子的模型</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source>Open a model folder (config.json, model.safetensors, tokenizer files)</source>
        <translation>打开模型文件夹（包含 config.json、model.safetensors 和分词器文件）</translation>
    </message>
</context>
<context>
    <name>atlas::ui::PanelFigure</name>
    <message>
        <source>per map</source>
        <translation>每图单独</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>Tokens (rows are queries, columns keys): %1</source>
        <translation>词元（行为查询，列为键）：%1</translation>
    </message>
</context>
<context>
    <name>atlas::ui::PredictionsPanel</name>
    <message>
        <source>[CLS] and [SEP] mark the sentence&apos;s edges; pick a word to mask.</source>
        <translation>[CLS] 和 [SEP] 标记句子的首尾；请选一个词来加掩码。</translation>
    </message>
    <message>
        <source>No sentence yet.</source>
        <translation>还没有句子。</translation>
    </message>
    <message>
        <source>Type a sentence above to see what the model guesses.</source>
        <translation>在上方输入一个句子，看看模型会猜什么。</translation>
    </message>
    <message>
        <source>After “%1” the model expects:</source>
        <translation>在“%1”之后，模型预计接下来是：</translation>
    </message>
    <message>
        <source>Click a token to see what the model guesses comes after it. It only sees the tokens up to there: the causal mask hides the rest.</source>
        <translation>点击一个词元，看看模型猜它后面是什么。模型只能看到到这里为止的词元：因果掩码遮住了其余部分。</translation>
    </message>
    <message>
        <source>Click a word to hide it behind [MASK].</source>
        <translation>点击一个词，用 [MASK] 把它遮住。</translation>
    </message>
    <message>
        <source>BERT reads the words on both sides of the mask and guesses what fills it.</source>
        <translation>BERT 读取掩码两侧的词，猜测被遮住的是什么。</translation>
    </message>
    <message>
        <source>In place of “%1” BERT guesses:</source>
        <translation>BERT 猜测“%1”的位置上是：</translation>
    </message>
    <message>
        <source>Masking “%1”…</source>
        <translation>正在遮住“%1”…</translation>
    </message>
    <message>
        <source>Click another word to mask it instead, or the mask to bring the word back.</source>
        <translation>点击另一个词改为遮住它，或点击掩码恢复原词。</translation>
    </message>
    <message>
        <source>How %1 changes with the mask</source>
        <translation>加掩码后 %1 如何变化</translation>
    </message>
    <message>
        <source>“%1” visible</source>
        <translation>“%1”可见</translation>
    </message>
    <message>
        <source>“%1” masked</source>
        <translation>“%1”被遮住</translation>
    </message>
</context>
<context>
    <name>atlas::ui::PresentationWindow</name>
    <message>
        <source>Attention Atlas — presentation</source>
        <translation>Attention Atlas — 演示</translation>
    </message>
    <message>
        <source>◀  Previous</source>
        <translation>◀  上一步</translation>
    </message>
    <message>
        <source>Next  ▶</source>
        <translation>下一步  ▶</translation>
    </message>
    <message>
        <source>Exit (Esc)</source>
        <translation>退出（Esc）</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
</context>
<context>
    <name>atlas::ui::RelationNames</name>
    <message>
        <source>clause</source>
        <translation>从句</translation>
    </message>
    <message>
        <source>noun</source>
        <translation>名词</translation>
    </message>
    <message>
        <source>relative clause</source>
        <translation>关系从句</translation>
    </message>
    <message>
        <source>adverbial clause</source>
        <translation>状语从句</translation>
    </message>
    <message>
        <source>verb</source>
        <translation>动词</translation>
    </message>
    <message>
        <source>adverb</source>
        <translation>副词</translation>
    </message>
    <message>
        <source>word it modifies</source>
        <translation>被修饰的词</translation>
    </message>
    <message>
        <source>adjective</source>
        <translation>形容词</translation>
    </message>
    <message>
        <source>apposition</source>
        <translation>同位语</translation>
    </message>
    <message>
        <source>auxiliary</source>
        <translation>助动词</translation>
    </message>
    <message>
        <source>passive auxiliary</source>
        <translation>被动助动词</translation>
    </message>
    <message>
        <source>preposition</source>
        <translation>介词</translation>
    </message>
    <message>
        <source>conjunction</source>
        <translation>连词</translation>
    </message>
    <message>
        <source>conjunct</source>
        <translation>并列成分</translation>
    </message>
    <message>
        <source>clausal complement</source>
        <translation>从句补语</translation>
    </message>
    <message>
        <source>compound part</source>
        <translation>复合词成分</translation>
    </message>
    <message>
        <source>particle</source>
        <translation>小品词</translation>
    </message>
    <message>
        <source>first conjunct</source>
        <translation>第一个并列成分</translation>
    </message>
    <message>
        <source>copula</source>
        <translation>系动词</translation>
    </message>
    <message>
        <source>predicate</source>
        <translation>谓语</translation>
    </message>
    <message>
        <source>clausal subject</source>
        <translation>从句主语</translation>
    </message>
    <message>
        <source>dependent</source>
        <translation>依存词</translation>
    </message>
    <message>
        <source>head word</source>
        <translation>中心词</translation>
    </message>
    <message>
        <source>determiner</source>
        <translation>限定词</translation>
    </message>
    <message>
        <source>predeterminer</source>
        <translation>前位限定词</translation>
    </message>
    <message>
        <source>discourse word</source>
        <translation>话语词</translation>
    </message>
    <message>
        <source>expletive</source>
        <translation>虚位词</translation>
    </message>
    <message>
        <source>fixed expression part</source>
        <translation>固定搭配成分</translation>
    </message>
    <message>
        <source>first part</source>
        <translation>首个成分</translation>
    </message>
    <message>
        <source>name part</source>
        <translation>名字成分</translation>
    </message>
    <message>
        <source>first name part</source>
        <translation>名字首部</translation>
    </message>
    <message>
        <source>indirect object</source>
        <translation>间接宾语</translation>
    </message>
    <message>
        <source>subordinator</source>
        <translation>从属连词</translation>
    </message>
    <message>
        <source>noun modifier</source>
        <translation>名词修饰语</translation>
    </message>
    <message>
        <source>possessor</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>time modifier</source>
        <translation>时间修饰语</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>主语</translation>
    </message>
    <message>
        <source>passive subject</source>
        <translation>被动主语</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数词</translation>
    </message>
    <message>
        <source>object</source>
        <translation>宾语</translation>
    </message>
    <message>
        <source>oblique phrase</source>
        <translation>旁格短语</translation>
    </message>
    <message>
        <source>noun phrase modifier</source>
        <translation>名词短语修饰语</translation>
    </message>
    <message>
        <source>time phrase</source>
        <translation>时间短语</translation>
    </message>
    <message>
        <source>parallel clause</source>
        <translation>并列分句</translation>
    </message>
    <message>
        <source>punctuation</source>
        <translation>标点</translation>
    </message>
    <message>
        <source>word</source>
        <translation>词</translation>
    </message>
    <message>
        <source>addressee</source>
        <translation>称呼对象</translation>
    </message>
    <message>
        <source>open complement</source>
        <translation>开放补语</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ScriptShare</name>
    <message>
        <source>Chinese characters</source>
        <translation>汉字</translation>
    </message>
    <message>
        <source>Japanese kana</source>
        <translation>日文假名</translation>
    </message>
    <message>
        <source>Hangul</source>
        <translation>韩文</translation>
    </message>
    <message>
        <source>Cyrillic</source>
        <translation>西里尔字母</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>希腊字母</translation>
    </message>
    <message>
        <source>Arabic script</source>
        <translation>阿拉伯字母</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>希伯来字母</translation>
    </message>
    <message>
        <source>Devanagari</source>
        <translation>天城文</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>泰文</translation>
    </message>
    <message>
        <source>a non-Latin script</source>
        <translation>非拉丁文字</translation>
    </message>
    <message>
        <source>This sentence is mostly in %1, but the built-in models were trained on English books, so their heads show little about it. To study it, open a model trained on that language (File ▸ Open model…).</source>
        <translation>这个句子主要由%1组成，但内置模型是用英文书籍训练的，它们的注意力头对这个句子说明不了什么。要研究它，请打开一个用该语言训练的模型（文件 ▸ 打开模型…）。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::SentenceBox</name>
    <message>
        <source>Type a sentence…</source>
        <translation>输入一个句子…</translation>
    </message>
</context>
<context>
    <name>atlas::ui::SentenceNotes</name>
    <message>
        <source>The text is longer than the model reads: only the first %1 of %2 tokens are shown.</source>
        <translation>文本超出了模型能读的长度：只显示 %2 个词元中的前 %1 个。</translation>
    </message>
    <message>
        <source>The sentence box holds at most %L1 characters: the rest of the text was left out.</source>
        <translation>句子框最多容纳 %L1 个字符：其余文本已被略去。</translation>
    </message>
    <message>
        <source>A text this long has its maps made when shown; the rollout column, a product of every layer&apos;s %1 x %1 maps, is left out.</source>
        <translation>文本这么长时，注意力图在显示时才计算；“注意力展开”列（每层 %1 x %1 注意力图的连乘）不予显示。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::SpaceMarkers</name>
    <message>
        <source>· = a space before the word</source>
        <translation>· = 词前有一个空格</translation>
    </message>
    <message>
        <source>␣ = a token that is only a space</source>
        <translation>␣ = 只有空格的词元</translation>
    </message>
    <message>
        <source>⏎ = a line break</source>
        <translation>⏎ = 换行</translation>
    </message>
</context>
<context>
    <name>atlas::ui::StatusSummary</name>
    <message>
        <source>%1 · %2 layers × %3 heads</source>
        <translation>%1 · %2 层 × %3 个注意力头</translation>
    </message>
    <message>
        <source>truncated to %1 of %2 tokens</source>
        <translation>已截断为 %2 个词元中的 %1 个</translation>
    </message>
</context>
<context>
    <name>atlas::ui::TextSize</name>
    <message>
        <source>&amp;Text size</source>
        <translation>文字大小(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Larger</source>
        <translation>放大(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller</source>
        <translation>缩小(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>正常大小(&amp;N)</translation>
    </message>
</context>
<context>
    <name>atlas::ui::TokenChipsView</name>
    <message>
        <source>Token %1: “%2” (id %3)</source>
        <translation>词元 %1：“%2”（编号 %3）</translation>
    </message>
    <message>
        <source>covers bytes %1–%2 of the text</source>
        <translation>对应文本的第 %1–%2 字节</translation>
    </message>
    <message>
        <source>special token, covers no text</source>
        <translation>特殊词元，不对应任何文本</translation>
    </message>
</context>
<context>
    <name>atlas::ui::TokenLinesView</name>
    <message>
        <source>No attention to show yet.</source>
        <translation>还没有可显示的注意力。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::TokenPairPanel</name>
    <message>
        <source>Click the token that attends, then the token it attends to: every head is ranked by the weight between them.</source>
        <translation>先点击发出关注的词元，再点击它关注的词元：所有注意力头会按两者之间的权重排名。</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>“%1” (token %2)</source>
        <translation>“%1”（词元 %2）</translation>
    </message>
    <message>
        <source>No sentence yet.</source>
        <translation>还没有句子。</translation>
    </message>
    <message>
        <source>Choose the token that attends.</source>
        <translation>请选择发出关注的词元。</translation>
    </message>
    <message>
        <source>From %1: now choose the token it attends to.</source>
        <translation>从 %1 出发：现在选择它关注的词元。</translation>
    </message>
    <message>
        <source>From %1 to %2: a causal model never attends to a later token, so every head gives it 0.</source>
        <translation>从 %1 到 %2：因果模型从不关注后面的词元，所以每个注意力头给出的权重都是 0。</translation>
    </message>
    <message>
        <source>From %1 to %2.</source>
        <translation>从 %1 到 %2。</translation>
    </message>
    <message>
        <source>Norm</source>
        <translation>范数</translation>
    </message>
    <message>
        <source>Layer %1 · Head %2</source>
        <translation>第 %1 层 · 注意力头 %2</translation>
    </message>
</context>
<context>
    <name>atlas::ui::TokenSelection</name>
    <message>
        <source>%1: an empty item in &apos;%2&apos; (write e.g. 8 or 0-12 or 1,3,5-8)</source>
        <translation>%1：“%2”中有一项是空的（请写成例如 8、0-12 或 1,3,5-8）</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a token index or a range such as 0-12</source>
        <translation>%1：“%2”不是词元编号，也不是 0-12 这样的范围</translation>
    </message>
    <message>
        <source>%1: the range &apos;%2&apos; runs backwards</source>
        <translation>%1：范围“%2”是倒着写的</translation>
    </message>
    <message>
        <source>%1: token %2 is out of range: the text has tokens 0-%3</source>
        <translation>%1：词元 %2 超出范围：文本只有词元 0-%3</translation>
    </message>
    <message>
        <source>%1: the range &apos;%2&apos; is too long</source>
        <translation>%1：范围“%2”太长</translation>
    </message>
</context>
<context>
    <name>atlas::ui::TokenShadingFigure</name>
    <message>
        <source>Which tokens drive “%1” (occlusion)</source>
        <translation>哪些词元推动了“%1”（遮挡法）</translation>
    </message>
    <message>
        <source>No [MASK] in the text: the last word is masked and its own token is the target. </source>
        <translation>文本中没有 [MASK]：遮住最后一个词，并以它原来的词元为目标。</translation>
    </message>
    <message>
        <source>Red: hiding the token lowers log p(target); blue: it raises it</source>
        <translation>红色：遮住该词元会降低 log p(目标)；蓝色：会升高</translation>
    </message>
    <message>
        <source>Colour scale: ±%1, the strongest of the other tokens; strongest overall: %2 (change in log p)</source>
        <translation>色标：±%1，即其他词元中最强的得分；总体最强：%2（log p 的变化）</translation>
    </message>
</context>
<context>
    <name>atlas::ui::TrainingSettingsForm</name>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Heads per layer</source>
        <translation>每层头数</translation>
    </message>
    <message>
        <source>d_model</source>
        <translation>d_model</translation>
    </message>
    <message>
        <source>Context (tokens)</source>
        <translation>上下文（词元）</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>运行文件夹</translation>
    </message>
    <message>
        <source>Text to train on</source>
        <translation>用于训练的文本</translation>
    </message>
    <message>
        <source>UTF-8 text (*.txt);;All files (*)</source>
        <translation>UTF-8 文本 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Previous-token head</source>
        <translation>前一词元头</translation>
    </message>
    <message>
        <source>Induction head</source>
        <translation>归纳头</translation>
    </message>
    <message>
        <source>Masked (BERT-style)</source>
        <translation>掩码（BERT 式）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>GPT (causal: predicts the next token)</source>
        <translation>GPT（因果：预测下一个词元）</translation>
    </message>
    <message>
        <source>BERT (masked: fills in hidden tokens)</source>
        <translation>BERT（掩码：填出被遮住的词元）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>A two-layer causal model on ten public-domain books shipped with the app. Watch a head in the first layer learn to look one token back.</source>
        <translation>一个两层因果模型，在应用自带的十本公版书上训练。看第一层的某个头学会回看前一个词元。</translation>
    </message>
    <message>
        <source>A two-layer BERT-style model that fills in hidden words of the shipped books.</source>
        <translation>一个两层 BERT 式模型，学习填出自带书籍中被遮住的词。</translation>
    </message>
    <message>
        <source>Your own shape and text file (UTF-8, any language). A tokenizer is trained on the file first.</source>
        <translation>自选模型形状和文本文件（UTF-8，任何语言）。先在该文件上训练分词器。</translation>
    </message>
    <message>
        <source>A two-layer causal model on spans of random tokens, each repeated. Watch a head start to look at the token after the earlier copy of the current one.</source>
        <translation>一个两层因果模型，在重复出现的随机词元片段上训练。观察一个注意力头开始注视当前词元前一次出现之后的那个词元。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::TrainingTimelineView</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最终</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>Training timeline</source>
        <translation>训练时间线</translation>
    </message>
    <message>
        <source>This model has no training snapshots (model folders in its snapshots/ folder). The built-in gpt model has them.</source>
        <translation>这个模型没有训练快照（即 snapshots/ 文件夹中的模型文件夹）。内置的 gpt 模型有训练快照。</translation>
    </message>
    <message>
        <source>Each square is one head (rows: layers). Early on, attention is spread thin; watch lines just below the diagonal (heads that look one token back) and bright columns appear as training goes on.</source>
        <translation>每个方块是一个注意力头（每行为一层）。训练初期注意力很分散；随着训练进行，留意对角线正下方出现的斜线（看向前一个词元的注意力头）和明亮的竖列。</translation>
    </message>
    <message>
        <source>The final model (%1 of %2): “%3”</source>
        <translation>最终模型（第 %1 个，共 %2 个）：“%3”</translation>
    </message>
    <message>
        <source>Training %1 (%2 of %3): “%4”</source>
        <translation>训练 %1（第 %2 个，共 %3 个）：“%4”</translation>
    </message>
    <message>
        <source>Running the sentence through every snapshot…</source>
        <translation>正在用每个训练快照运行这个句子…</translation>
    </message>
    <message>
        <source>This model has no training snapshots (model folders in its snapshots/ folder), so only the final model is shown. The built-in gpt model has them.</source>
        <translation>这个模型没有训练快照（即 snapshots/ 文件夹中的模型文件夹），因此只显示最终模型。内置的 gpt 模型有训练快照。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::TrainingWindow</name>
    <message>
        <source>Train a model — Attention Atlas</source>
        <translation>训练模型 — Attention Atlas</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Show the current weights every</source>
        <translation>每隔多久显示当前权重</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation>保存模型…</translation>
    </message>
    <message>
        <source>Open in the main window</source>
        <translation>在主窗口中打开</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Text the current weights run on</source>
        <translation>当前权重运行的文本</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Save the model as a folder</source>
        <translation>将模型保存为文件夹</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>best induction score</source>
        <translation>最佳归纳分数</translation>
    </message>
    <message>
        <source>best previous-token share</source>
        <translation>最佳前一词元注意力占比</translation>
    </message>
    <message>
        <source>Resuming from the checkpoint…</source>
        <translation>正在从检查点继续…</translation>
    </message>
    <message>
        <source>Training a tokenizer on the text file, then the model…</source>
        <translation>先在文本文件上训练分词器，然后训练模型…</translation>
    </message>
    <message>
        <source>Preparing the tokenizer and the text…</source>
        <translation>正在准备分词器和文本…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>训练中…</translation>
    </message>
    <message>
        <source>Stopping: saving a checkpoint…</source>
        <translation>正在停止：保存检查点…</translation>
    </message>
    <message>
        <source>Step %1 · loss %2 · %3 tokens/s</source>
        <translation>第 %1 步 · 损失 %2 · 每秒 %3 个词元</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Finished. The model is in %1.</source>
        <translation>完成。模型在 %1。</translation>
    </message>
    <message>
        <source>Stopped with a checkpoint: Resume continues from here.</source>
        <translation>已停止并保存检查点：点“继续”从这里接着训练。</translation>
    </message>
    <message>
        <source>Target head: layer %1, head %2 — induction score %3 (step %4)</source>
        <translation>目标头：第 %1 层第 %2 头 — 归纳分数 %3（第 %4 步）</translation>
    </message>
    <message>
        <source>Target head: layer %1, head %2 — previous-token share %3 on this text (step %4)</source>
        <translation>目标头：第 %1 层第 %2 头 — 在这段文本上对前一词元的注意力占比 %3（第 %4 步）</translation>
    </message>
    <message>
        <source>Nothing to save yet: the first snapshot comes a few seconds into training.</source>
        <translation>还没有可保存的模型：训练开始几秒后才有第一个快照。</translation>
    </message>
    <message>
        <source>loss (nats, log scale)</source>
        <translation>损失（奈特，对数刻度）</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
</context>
<context>
    <name>atlas::ui::ViewTabs</name>
    <message>
        <source>Head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
</context>
<context>
    <name>atlas::ui::WalkthroughExport</name>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
    <message>
        <source>%1: cannot start the SVG</source>
        <translation>%1：无法创建 SVG</translation>
    </message>
    <message>
        <source>%1: the steps export as .png, .svg or .pdf</source>
        <translation>%1：步骤只能导出为 .png、.svg 或 .pdf</translation>
    </message>
    <message>
        <source>nothing to export: the walkthrough has no steps</source>
        <translation>没有可导出的内容：分步讲解没有任何步骤</translation>
    </message>
    <message>
        <source>width %1 px is out of range (16–20000)</source>
        <translation>宽度 %1 像素超出范围（16–20000）</translation>
    </message>
    <message>
        <source>Layer %1 · Head %2, step by step</source>
        <translation>第 %1 层 · 注意力头 %2，分步讲解</translation>
    </message>
    <message>
        <source>%1: cannot start the PDF</source>
        <translation>%1：无法创建 PDF</translation>
    </message>
    <message>
        <source>%1: cannot add page %2</source>
        <translation>%1：无法添加第 %2 页</translation>
    </message>
</context>
<context>
    <name>atlas::ui::WalkthroughFigure</name>
    <message>
        <source>Step %1 of %2 · %3</source>
        <translation>第 %1 步，共 %2 步 · %3</translation>
    </message>
    <message>
        <source>Showing tokens %1–%2 of %3.</source>
        <translation>显示第 %1–%2 个词元，共 %3 个。</translation>
    </message>
    <message>
        <source>first %1 × %2 of %3 × %4</source>
        <translation>%3 × %4 中的前 %1 × %2</translation>
    </message>
    <message>
        <source>first %1 of %2 dimensions</source>
        <translation>%2 维中的前 %1 维</translation>
    </message>
    <message>
        <source>first %1 of %2 rows</source>
        <translation>%2 行中的前 %1 行</translation>
    </message>
    <message>
        <source>Query rows: tokens %1 · key columns: tokens %2 (of 0–%3).</source>
        <translation>查询行：词元 %1 · 键列：词元 %2（共 0–%3）。</translation>
    </message>
</context>
<context>
    <name>atlas::ui::WalkthroughHooks</name>
    <message>
        <source>Walkthrough</source>
        <translation>分步讲解</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Presentation mode: full screen, large type, the focused head step by step (F11; Esc leaves)</source>
        <translation>演示模式：全屏、大字号，分步讲解当前注意力头（F11；按 Esc 退出）</translation>
    </message>
    <message>
        <source>&amp;Walkthrough of the focused head</source>
        <translation>分步讲解当前注意力头(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
</context>
<context>
    <name>atlas::ui::WalkthroughText</name>
    <message>
        <source>Token embeddings + positions + type</source>
        <translation>词元嵌入 + 位置嵌入 + 类型嵌入</translation>
    </message>
    <message>
        <source>Token embeddings + positions</source>
        <translation>词元嵌入 + 位置嵌入</translation>
    </message>
    <message>
        <source>What layer %1 reads</source>
        <translation>第 %1 层读入的内容</translation>
    </message>
    <message>
        <source>Queries, keys and values</source>
        <translation>查询、键和值</translation>
    </message>
    <message>
        <source>Scores: Q Kᵀ</source>
        <translation>得分：Q Kᵀ</translation>
    </message>
    <message>
        <source>Divided by √d_head</source>
        <translation>除以 √d_head</translation>
    </message>
    <message>
        <source>Causal mask</source>
        <translation>因果掩码</translation>
    </message>
    <message>
        <source>Softmax: the attention map</source>
        <translation>Softmax：注意力图</translation>
    </message>
    <message>
        <source>Weighted sum of the values</source>
        <translation>值的加权和</translation>
    </message>
    <message>
        <source>Into W_O: the head&apos;s share of the output</source>
        <translation>乘以 W_O：该注意力头对输出的贡献</translation>
    </message>
    <message>
        <source>Each token becomes a vector of %1 numbers: its row of the token table plus the row of its position and of token type 0.</source>
        <translation>每个词元变成一个由 %1 个数组成的向量：它在词元表中的那一行，加上它的位置所对应的行和词元类型 0 的行。</translation>
    </message>
    <message>
        <source>Each token becomes a vector of %1 numbers: its row of the token table plus the row of its position in the sentence.</source>
        <translation>每个词元变成一个由 %1 个数组成的向量：它在词元表中的那一行，加上它在句中位置所对应的行。</translation>
    </message>
    <message>
        <source>BERT normalises the sum (LayerNorm) and layer 0 reads it as it is.</source>
        <translation>BERT 对这个和做归一化（LayerNorm），第 0 层直接读入结果。</translation>
    </message>
    <message>
        <source>The layers before it have changed the vectors; layer %1 reads them as they are (BERT normalises after each block).</source>
        <translation>前面各层已经改变了这些向量；第 %1 层直接读入它们（BERT 在每个模块之后做归一化）。</translation>
    </message>
    <message>
        <source>Before attention, LayerNorm centres each token&apos;s vector, scales it to spread 1 and applies a learned scale and shift.</source>
        <translation>在注意力之前，LayerNorm 把每个词元的向量中心化、缩放到标准差 1，再施加学习得到的缩放和平移。</translation>
    </message>
    <message>
        <source>The layers before it have changed the vectors; layer %1 reads them after LayerNorm (centred, scaled to spread 1, then a learned scale and shift).</source>
        <translation>前面各层已经改变了这些向量；第 %1 层在 LayerNorm 之后读入它们（先中心化、缩放到标准差 1，再施加学习得到的缩放和平移）。</translation>
    </message>
    <message>
        <source>Three learned matrices of head %1 turn each vector into a query Q, a key K and a value V of %2 numbers each.</source>
        <translation>注意力头 %1 的三个学习得到的矩阵把每个向量变成查询 Q、键 K 和值 V，每个都由 %2 个数组成。</translation>
    </message>
    <message>
        <source>Every query is compared with every key by a dot product: row i, column j is how well token i&apos;s query matches token j&apos;s key.</source>
        <translation>每个查询都与每个键做点积：第 i 行第 j 列表示词元 i 的查询与词元 j 的键有多匹配。</translation>
    </message>
    <message>
        <source>Each score is divided by √%1 = %2, so the scores stay moderate however long the vectors are.</source>
        <translation>每个得分都除以 √%1 = %2，这样无论向量多长，得分都不会过大。</translation>
    </message>
    <message>
        <source>GPT may only look back: scores of later tokens become −∞, so they will get no weight at all.</source>
        <translation>GPT 只能往回看：后面词元的得分变为 −∞，因此它们得不到任何权重。</translation>
    </message>
    <message>
        <source>Softmax turns each row into weights between 0 and 1 that sum to 1: this is the head&apos;s heatmap.</source>
        <translation>Softmax 把每一行变成 0 到 1 之间、总和为 1 的权重：这就是该注意力头的热力图。</translation>
    </message>
    <message>
        <source>Each token&apos;s output is the average of all value vectors, weighted by its row of A.</source>
        <translation>每个词元的输出是所有值向量的平均，权重取自 A 中它所在的那一行。</translation>
    </message>
    <message>
        <source>The output times the head&apos;s %1 rows of W_O is its share of the layer&apos;s output; the heads&apos; shares and a bias are added to the stream.</source>
        <translation>输出乘以 W_O 中属于该注意力头的 %1 行，就是它对本层输出的贡献；各注意力头的贡献与偏置一起加回残差流。</translation>
    </message>
    <message>
        <source>token embedding</source>
        <translation>词元嵌入</translation>
    </message>
    <message>
        <source>position embedding</source>
        <translation>位置嵌入</translation>
    </message>
    <message>
        <source>type embedding</source>
        <translation>类型嵌入</translation>
    </message>
    <message>
        <source>sum x₀</source>
        <translation>和 x₀</translation>
    </message>
    <message>
        <source>stream entering layer %1</source>
        <translation>进入第 %1 层的残差流</translation>
    </message>
    <message>
        <source>after LayerNorm</source>
        <translation>LayerNorm 之后</translation>
    </message>
    <message>
        <source>queries Q</source>
        <translation>查询 Q</translation>
    </message>
    <message>
        <source>keys K</source>
        <translation>键 K</translation>
    </message>
    <message>
        <source>values V</source>
        <translation>值 V</translation>
    </message>
    <message>
        <source>scores Q Kᵀ</source>
        <translation>得分 Q Kᵀ</translation>
    </message>
    <message>
        <source>scores / √%1</source>
        <translation>得分 / √%1</translation>
    </message>
    <message>
        <source>masked scores</source>
        <translation>加掩码后的得分</translation>
    </message>
    <message>
        <source>attention A</source>
        <translation>注意力 A</translation>
    </message>
    <message>
        <source>head output A V</source>
        <translation>注意力头输出 A V</translation>
    </message>
    <message>
        <source>W_O rows %1–%2</source>
        <translation>W_O 第 %1–%2 行</translation>
    </message>
    <message>
        <source>share of the output</source>
        <translation>对输出的贡献</translation>
    </message>
</context>
<context>
    <name>atlas::ui::WalkthroughView</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Jump to a step</source>
        <translation>跳到某一步</translation>
    </message>
    <message>
        <source>From token:</source>
        <translation>起始词元：</translation>
    </message>
    <message>
        <source>Long sentences: the first of the tokens the matrices show</source>
        <translation>长句：矩阵中显示的第一个词元</translation>
    </message>
    <message>
        <source>Type a sentence to walk through a head.</source>
        <translation>输入一个句子，即可分步讲解一个注意力头。</translation>
    </message>
    <message>
        <source>The walkthrough follows one head: pick a head, not an aggregate.</source>
        <translation>分步讲解针对单个注意力头：请选择一个注意力头，而不是汇总图。</translation>
    </message>
    <message>
        <source>No walkthrough: %1</source>
        <translation>无法分步讲解：%1</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3</source>
        <translation>第 %1 步，共 %2 步 · %3</translation>
    </message>
    <message>
        <source>%1 · Layer %2</source>
        <translation>%1 · 第 %2 层</translation>
    </message>
    <message>
        <source>%1 · Layer %2 · Head %3</source>
        <translation>%1 · 第 %2 层 · 注意力头 %3</translation>
    </message>
    <message>
        <source>[ and ] show other tokens.</source>
        <translation>按 [ 和 ] 查看其他词元。</translation>
    </message>
    <message>
        <source>Query rows:</source>
        <translation>查询行：</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>The query tokens the matrices show as rows: 8, or 0-12, or 1,3,5-8 (token numbers from 0). Empty: the window of tokens.</source>
        <translation>矩阵中作为行显示的查询词元：8、0-12 或 1,3,5-8（词元编号从 0 开始）。留空：显示词元窗口。</translation>
    </message>
    <message>
        <source>Key columns:</source>
        <translation>键列：</translation>
    </message>
    <message>
        <source>The key tokens the matrices show as columns: 8, or 0-12, or 1,3,5-8 (token numbers from 0). Empty: the window of tokens.</source>
        <translation>矩阵中作为列显示的键词元：8、0-12 或 1,3,5-8（词元编号从 0 开始）。留空：显示词元窗口。</translation>
    </message>
    <message>
        <source>Help ▸ Glossary: what the words of this step mean</source>
        <translation>帮助 ▸ 术语表：这一步中的词是什么意思</translation>
    </message>
    <message>
        <source>What is this?</source>
        <translation>这是什么？</translation>
    </message>
    <message>
        <source>Query rows</source>
        <translation>查询行</translation>
    </message>
    <message>
        <source>Key columns</source>
        <translation>键列</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See every attention head of a small Transformer.</source>
        <translation>查看一个小型 Transformer 的每一个注意力头。</translation>
    </message>
    <message>
        <source>gpt, bert or a model folder.</source>
        <translation>gpt、bert 或一个模型文件夹。</translation>
    </message>
    <message>
        <source>The sentence to show.</source>
        <translation>要显示的句子。</translation>
    </message>
    <message>
        <source>Save a PNG of the window once it shows the text, then quit (settings are neither read nor written).</source>
        <translation>窗口显示文本后保存一张 PNG 截图，然后退出（不读取也不写入设置）。</translation>
    </message>
    <message>
        <source>Hover token N (screenshots).</source>
        <translation>悬停在第 N 个词元上（用于截图）。</translation>
    </message>
    <message>
        <source>Window size, WIDTHxHEIGHT.</source>
        <translation>窗口大小，宽x高。</translation>
    </message>
    <message>
        <source>Also draw these columns in the line view (screenshots).</source>
        <translation>在连线视图中同时绘制这些列（用于截图）。</translation>
    </message>
    <message>
        <source>Outline the heads best at this relation or positional role (screenshots).</source>
        <translation>给最擅长该关系或位置角色的注意力头加框（用于截图）。</translation>
    </message>
    <message>
        <source>Compare view: the second sentence (screenshots).</source>
        <translation>比较视图：第二个句子（用于截图）。</translation>
    </message>
    <message>
        <source>Training timeline: show snapshot N, 0 the earliest, -1 the final model (screenshots).</source>
        <translation>训练时间线：显示第 N 个快照，0 为最早，-1 为最终模型（用于截图）。</translation>
    </message>
    <message>
        <source>Predictions: BERT masks token N, GPT predicts after it (screenshots).</source>
        <translation>预测：BERT 遮住第 N 个词元，GPT 预测它之后的词元（用于截图）。</translation>
    </message>
    <message>
        <source>Show norm-based attention instead of the raw weights.</source>
        <translation>显示基于范数的注意力，而不是原始权重。</translation>
    </message>
    <message>
        <source>Add the attention-flow column.</source>
        <translation>加入注意力流一列。</translation>
    </message>
    <message>
        <source>Switch these heads off (screenshots).</source>
        <translation>关闭这些注意力头（用于截图）。</translation>
    </message>
    <message>
        <source>Difference tab: the second sentence (screenshots).</source>
        <translation>差异标签页：第二个句子（用于截图）。</translation>
    </message>
    <message>
        <source>Difference tab: the last training snapshot minus the first (screenshots).</source>
        <translation>差异标签页：最后一个训练快照减去第一个（用于截图）。</translation>
    </message>
    <message>
        <source>Generate N tokens first (screenshots).</source>
        <translation>先生成 N 个词元（用于截图）。</translation>
    </message>
    <message>
        <source>Show generation step S, from 0 (screenshots).</source>
        <translation>显示生成的第 S 步，从 0 开始（用于截图）。</translation>
    </message>
    <message>
        <source>Token pair view (--view pair): rank the heads by the weight from token Q to token K (screenshots).</source>
        <translation>词元对视图（--view pair）：按从词元 Q 到词元 K 的权重给注意力头排名（用于截图）。</translation>
    </message>
    <message>
        <source>Grid zoom, 1 fits the width (screenshots).</source>
        <translation>网格缩放，1 表示适应宽度（用于截图）。</translation>
    </message>
    <message>
        <source>Collapse these grid layers, e.g. 2,3 (screenshots).</source>
        <translation>折叠网格中的这些层，例如 2,3（用于截图）。</translation>
    </message>
    <message>
        <source>Zoom the focused head to tokens FIRST:LAST (screenshots).</source>
        <translation>把当前注意力头放大到第 FIRST 至 LAST 个词元（用于截图）。</translation>
    </message>
    <message>
        <source>Presentation mode: full screen, large type, the focused head step by step (Esc leaves).</source>
        <translation>演示模式：全屏、大字号，分步讲解当前注意力头（按 Esc 退出）。</translation>
    </message>
    <message>
        <source>Walkthrough: show step N, from 1 (screenshots).</source>
        <translation>分步讲解：显示第 N 步，从 1 开始（用于截图）。</translation>
    </message>
    <message>
        <source>Interface language: en, zh_CN or system (default: the one chosen in the Language menu, else the system&apos;s).</source>
        <translation>界面语言：en、zh_CN 或 system（默认：“语言”菜单中选择的语言，否则跟随系统）。</translation>
    </message>
    <message>
        <source>Focus layer L, grid column C (screenshots).</source>
        <translation>聚焦第 L 层、网格第 C 列（用于截图）。</translation>
    </message>
    <message>
        <source>Open on this layer, from 0.</source>
        <translation>打开时显示这一层，从 0 开始。</translation>
    </message>
    <message>
        <source>Open on this head, from 0.</source>
        <translation>打开时显示这个注意力头，从 0 开始。</translation>
    </message>
    <message>
        <source>Start a lesson: %1.</source>
        <translation>开始一节课：%1。</translation>
    </message>
    <message>
        <source>File ▸ Train a model…: start this preset and grab the window mid-training (screenshots).</source>
        <translation>文件 ▸ 训练模型…：启动这个预设，并在训练中途截取窗口（截图用）。</translation>
    </message>
    <message>
        <source>Train for S seconds before the grab (screenshots).</source>
        <translation>截图前训练 S 秒（截图用）。</translation>
    </message>
    <message>
        <source>Hide the first token (attention sink).</source>
        <translation>隐藏第一个词元（注意力汇聚点）。</translation>
    </message>
    <message>
        <source>Right panel: head, lines, roles, pair, distance, predictions, lens, contributions or attribution; or the compare or timeline window.</source>
        <translation>右侧面板：head、lines、roles、pair、distance、predictions、lens、contributions 或 attribution；或者 compare（比较）、timeline（时间线）窗口。</translation>
    </message>
    <message>
        <source>Show attention between words (the Words switch).</source>
        <translation>显示词与词之间的注意力（“按词”开关）。</translation>
    </message>
    <message>
        <source>View ▸ Text size, from 0.8 to 2.5; 1 is the system&apos;s size (screenshots).</source>
        <translation>视图 ▸ 文字大小，从 0.8 到 2.5；1 为系统的大小（用于截图）。</translation>
    </message>
    <message>
        <source>Distance tab (--view distance): the profile over this CoNLL-U treebank (screenshots).</source>
        <translation>距离标签页（--view distance）：在此 CoNLL-U 树库上的分布（截图用）。</translation>
    </message>
</context>
</TS>
