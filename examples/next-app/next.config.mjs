/** @type {import('next').NextConfig} */
export default {
  // As create-next-app (Next 16) writes them: the layout reads the session inside <Suspense>.
  cacheComponents: true,
  partialPrefetching: true,
  reactStrictMode: true,
};
