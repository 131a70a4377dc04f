import { createContext, useContext } from "react";

/** The CSP nonce of this response; "" in the browser (browsers hide it after parsing). */
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
