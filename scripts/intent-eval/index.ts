/** Intent evaluation: dataset, runner, metrics, report, and the classifiers it can score. */
export { datasetProblems, countByIntent, IntentDatasetError, IntentExampleSchema, loadIntentDataset, parseIntentDataset, type IntentExample } from './dataset.js';
export { runIntentEval, type ExampleResult, type IntentClassifier, type IntentEvalOptions, type IntentEvalReport, type IntentPrediction } from './eval-runner.js';
export { formatIntentEvalReport, writeIntentEvalResults, type IntentEvalMeta } from './eval-report.js';
export { classificationMetrics, latencySummary, percentile, type ClassificationMetrics, type ClassMetrics, type LatencySummary } from './metrics.js';
export { createModelIntentClassifier } from './model-classifier.js';
export { classifyByKeywords, keywordIntentClassifier } from './keyword-classifier.js';
export { evaluationToolCatalogue } from './eval-tool-catalogue.js';
export { createScriptedIntentProvider, keywordIntentAnswer } from './scripted-intent-provider.js';
