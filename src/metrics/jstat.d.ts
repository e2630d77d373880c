/** The part of jStat (npm `jstat`, which ships no types) that apigw-sim uses. */
declare module 'jstat' {
  const jStat: {
    studentt: {
      /** The p-quantile of Student's t distribution with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
    normal: {
      /** The p-quantile of the normal distribution. */
      inv(p: number, mean: number, sd: number): number;
    };
    binomial: {
      /** P(X <= k) for X ~ Binomial(n, p). */
      cdf(k: number, n: number, p: number): number;
    };
  };
  export default jStat;
}
