export * from './principal';
export * from './principal-signer';
export * from './local-signing-key';
export * from './access-token';
export * from './verify-gateway-signature.hook';
export * from './request-context';
export * from './sign-in-generation';
export * from './sealed-secret';
