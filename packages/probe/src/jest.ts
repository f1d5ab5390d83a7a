// Registers the packet matchers with jest's expect: `import '@wirecraft/probe/jest'`.
export {};
