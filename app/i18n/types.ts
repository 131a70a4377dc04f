/** The shape of an English namespace, with every leaf a string: what its Chinese twin must satisfy. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
