import { Suspense } from "react";
import { Studio } from "@/components/studio/studio";
import { StudioSkeleton } from "@/components/studio/studio-skeleton";
import { readChartSource, STUDIO_CHART_DIR } from "@/lib/server/chart-source";

// The server reads the chart once per process (lib/server caches it) and hands the client plain data; the page
// renders per request so that Next puts the CSP nonce of proxy.ts on its scripts.
export default function Home() {
  return (
    <Suspense fallback={<StudioSkeleton />}>
      <StudioLoader />
    </Suspense>
  );
}

async function StudioLoader() {
  const source = readChartSource();
  return <Studio source={source} chartDir={STUDIO_CHART_DIR} />;
}
