// Cross-app tests (browser, multi-process, crash) are added by their issues.
console.log('no cross-app tests yet');
