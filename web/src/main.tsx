import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { StrictMode, type ReactNode, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { ApiError } from "./api";
import { App } from "./App";
import { meKey } from "./auth/useMe";
import { I18nProvider, useI18n } from "./i18n";
import "./styles.css";

function onAuthError(err: unknown) {
  // Session expired: forget the user so RequireAuth sends them to /login.
  if (err instanceof ApiError && err.status === 401) queryClient.setQueryData(meKey, null);
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAuthError }),
  mutationCache: new MutationCache({ onError: onAuthError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === "en" ? "en" : "zh-cn");
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    document.title = lang === "en" ? "Gongzhi · One Network" : "共治 · 基层治理一张网";
  }, [lang]);
  return (
    <ConfigProvider locale={lang === "en" ? enUS : zhCN} theme={{ token: { colorPrimary: "#1677ff", borderRadius: 6 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("missing #root");
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <LocalizedAntd>
          <App />
        </LocalizedAntd>
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
